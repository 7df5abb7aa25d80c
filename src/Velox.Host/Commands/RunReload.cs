using Velox.Host.Config;
using Velox.Host.Logging;

namespace Velox.Host.Commands;

/// <summary>
/// What a SIGHUP does in `velox run`: re-reads the --config file with the environment of the start, and takes
/// the new configuration only when every change is reloadable (<see cref="ConfigReload.TryReload"/>). Accepted:
/// the log levels change at once, the configuration becomes <see cref="Current"/> and <see cref="Applied"/>
/// fires (risk and strategy values reach whoever subscribed). Rejected, unreadable or invalid: each problem is
/// printed and logged, and the old configuration stays. Owned and called by the run loop's thread.
/// </summary>
public sealed class RunReload
{
    private readonly RunConfigSource? _source;
    private readonly RunLog _log;
    private VeloxConfig _current;

    public RunReload(RunConfigSource? source, VeloxConfig current, RunLog log)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(log);
        _source = source;
        _current = current;
        _log = log;
    }

    /// <summary>Raised after a reload was accepted, with the new configuration and the changes.</summary>
    public event Action<VeloxConfig, IReadOnlyList<ConfigChange>>? Applied;

    /// <summary>The configuration in force: the start's, or the last accepted reload's.</summary>
    public VeloxConfig Current => Volatile.Read(ref _current);

    /// <summary>Reloads accepted so far.</summary>
    public long Accepted { get; private set; }

    /// <summary>Reloads refused (restart-only changes, unreadable or invalid file) so far.</summary>
    public long Rejected { get; private set; }

    /// <summary>Handles a reload request (the <paramref name="requests"/>-th SIGHUP); reports on <paramref name="output"/>.</summary>
    public bool TryReload(long requests, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_source?.Path is null)
        {
            output.WriteLine($"  reload requested (SIGHUP, {requests} so far): velox run was started without --config, nothing to reload");
            return false;
        }

        var loaded = _source.Load();
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors)
            {
                output.WriteLine($"  config reload failed: {error.Path}: {error.Message}");
                Reject(error.Path, "invalid");
            }

            output.WriteLine($"  config reload failed: {_source.Path}: keeping the running configuration");
            Rejected++;
            return false;
        }

        var next = loaded.Config!;
        var result = ConfigReload.TryReload(Current, next);
        if (!result.Accepted)
        {
            foreach (var error in result.Errors)
            {
                output.WriteLine($"  config reload rejected: {error.Path}: needs a restart");
                Reject(error.Path, "needs-restart");
            }

            Rejected++;
            return false;
        }

        // Logged under the old levels, so a reload that raises the threshold still shows up.
        _log.Logger.Log(_log.ConfigReload, result.Changes.Count, requests);
        Volatile.Write(ref _current, next);
        _log.ApplyLevels(next.Logging);
        Accepted++;
        output.WriteLine(result.Changes.Count == 0
            ? "  config reloaded: no changes"
            : $"  config reloaded: {string.Join(", ", result.Changes.Select(change => change.Path))}");
        Applied?.Invoke(next, result.Changes);
        return true;
    }

    // Cold: interning a path allocates once per distinct path.
    private void Reject(string path, string reason) =>
        _log.Logger.Log(_log.ConfigReloadRejected, _log.Catalog.Text(path).Value, _log.Catalog.Text(reason).Value);
}
