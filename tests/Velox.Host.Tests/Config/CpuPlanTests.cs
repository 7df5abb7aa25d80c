namespace Velox.Host.Tests.Config;

/// <summary>The "cpus" section against a machine whose CPU count the test chooses.</summary>
public class CpuPlanTests
{
    private ConfigFixture _files = null!;

    [SetUp]
    public void SetUp() => _files = new ConfigFixture();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void A_consistent_plan_is_valid()
    {
        var result = _files.Load("""{ "cpus": { "housekeeping": [0, 1], "md": 2, "engine": 3, "orderGateway": 4, "isolated": [2, 3, 4] } }""", cpus: 8);

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That(result.Config!.Cpus.OrderGateway, Is.EqualTo(4));
    }

    [Test]
    public void Two_spinning_roles_on_one_isolated_cpu_are_refused()
    {
        var result = _files.Load("""{ "cpus": { "housekeeping": [0], "md": 1, "engine": 1, "orderGateway": 1, "isolated": [1] } }""");

        Assert.That(Messages(result), Is.EqualTo(ConfigFixture.List(
            "cpus.engine: CPU 1 is already given to cpus.md; two spinning roles cannot share an isolated CPU",
            "cpus.orderGateway: CPU 1 is already given to cpus.md; two spinning roles cannot share an isolated CPU")));
    }

    [Test]
    public void A_role_must_be_on_an_isolated_cpu_not_a_housekeeping_one()
    {
        var result = _files.Load("""{ "cpus": { "housekeeping": [0], "md": 0, "engine": 2, "isolated": [1] } }""");

        Assert.That(Messages(result), Is.EqualTo(ConfigFixture.List(
            "cpus.md: CPU 0 is a housekeeping CPU; a spinning role needs one of cpus.isolated",
            "cpus.engine: CPU 2 is not in cpus.isolated")));
    }

    [Test]
    public void Cpus_the_machine_lacks_are_refused_for_its_cpu_count()
    {
        const string Json = """{ "cpus": { "housekeeping": [0], "engine": 3, "isolated": [2, 3] } }""";
        var small = _files.Load(Json, cpus: 2);
        var large = _files.Load(Json, cpus: 4);

        Assert.That(Messages(small), Is.EqualTo(ConfigFixture.List(
            "cpus.isolated[0]: CPU 2 does not exist on this machine (CPUs 0-1)",
            "cpus.isolated[1]: CPU 3 does not exist on this machine (CPUs 0-1)",
            "cpus.engine: CPU 3 does not exist on this machine (CPUs 0-1)")));
        Assert.That(large.IsValid, Is.True, ConfigFixture.Describe(large));
    }

    [Test]
    public void Housekeeping_must_exist_and_not_overlap_the_isolated_cpus()
    {
        var overlap = _files.Load("""{ "cpus": { "housekeeping": [0, 1], "isolated": [1, 2, 2] } }""");
        var empty = _files.Load("""{ "cpus": { "housekeeping": [] } }""");

        Assert.That(Messages(overlap), Is.EqualTo(ConfigFixture.List(
            "cpus.isolated[2]: CPU 2 is listed twice",
            "cpus.isolated[0]: CPU 1 is also a housekeeping CPU")));
        Assert.That(Messages(empty), Is.EqualTo(ConfigFixture.List("cpus.housekeeping: needs at least one CPU for the OS, admin and logging")));
    }

    private string[] Messages(Host.Config.ConfigLoadResult result) =>
        result.Errors.Select(e => e.ToString().Replace($" (set by file {_files.Directory}/velox.json)", string.Empty, StringComparison.Ordinal)).ToArray();
}
