using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Velox.Benchmarks.Gate;

/// <summary>
/// A BenchmarkDotNet [Benchmark] method of this assembly as a gate scenario: [GlobalSetup] once,
/// [IterationSetup] before each invocation (outside the measurement), the method itself as the hot path,
/// [GlobalCleanup] at the end. Named "&lt;class without Benchmarks&gt;.&lt;method&gt;".
/// </summary>
public sealed class BenchmarkMethodScenario : HotPathScenario
{
    private readonly Type _type;
    private readonly MethodInfo _method;
    private object? _instance;
    private Action? _invoke;
    private Action? _iterationSetup;
    private long _sink;

    private BenchmarkMethodScenario(Type type, MethodInfo method, int operations)
    {
        _type = type;
        _method = method;
        OperationsPerInvocation = operations;
        Name = $"{ShortName(type)}.{method.Name}";
    }

    public override string Name { get; }

    public override int OperationsPerInvocation { get; }

    /// <summary>Every [Benchmark] method of every public benchmark class in this assembly, in name order.</summary>
    public static List<HotPathScenario> Discover()
    {
        var scenarios = new List<HotPathScenario>();
        foreach (var type in typeof(BenchmarkMethodScenario).Assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false }).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance).OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                if (method.GetCustomAttribute<BenchmarkAttribute>() is { } benchmark)
                {
                    scenarios.Add(new BenchmarkMethodScenario(type, method, benchmark.OperationsPerInvoke));
                }
            }
        }

        return scenarios;
    }

    public override void Setup()
    {
        if (_type.GetProperties().Any(p => p.GetCustomAttribute<ParamsAttribute>() is not null))
        {
            throw new InvalidOperationException($"{_type.Name} has [Params]: the gate runs parameterless benchmarks only");
        }

        _instance = Activator.CreateInstance(_type)!;
        try
        {
            Find<GlobalSetupAttribute>()?.Invoke(_instance, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException inner && IsMissingSharedData(inner.Message))
        {
            throw new ScenarioSkippedException(inner.Message);
        }

        _iterationSetup = Find<IterationSetupAttribute>()?.CreateDelegate<Action>(_instance);
        _invoke = Bind(_method, _instance);
    }

    public override void BeforeInvocation() => _iterationSetup?.Invoke();

    public override void Invoke() => _invoke!();

    public override void Cleanup()
    {
        if (_instance is not null)
        {
            Find<GlobalCleanupAttribute>()?.Invoke(_instance, null);
        }
    }

    private static string ShortName(Type type) =>
        type.Name.EndsWith("Benchmarks", StringComparison.Ordinal) ? type.Name[..^"Benchmarks".Length] : type.Name;

    private static bool IsMissingSharedData(string message) =>
        message.StartsWith("shared data folder not found", StringComparison.Ordinal) || message.StartsWith("shared recording missing", StringComparison.Ordinal);

    private MethodInfo? Find<TAttribute>()
        where TAttribute : Attribute =>
        _type.GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m => m.GetCustomAttribute<TAttribute>() is not null);

    /// <summary>A typed delegate (no boxing of the result, no argument array) folded into a field so the work is not dead.</summary>
    private Action Bind(MethodInfo method, object instance)
    {
        if (method.ReturnType == typeof(void))
        {
            return method.CreateDelegate<Action>(instance);
        }

        if (method.ReturnType == typeof(int))
        {
            var f = method.CreateDelegate<Func<int>>(instance);
            return () => _sink += f();
        }

        if (method.ReturnType == typeof(long))
        {
            var f = method.CreateDelegate<Func<long>>(instance);
            return () => _sink += f();
        }

        throw new InvalidOperationException($"{Name}: the gate supports benchmarks returning void, int or long, not {method.ReturnType.Name}");
    }
}
