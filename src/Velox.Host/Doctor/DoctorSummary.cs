using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Velox.Host.Doctor;

/// <summary>
/// The one-line JSON summary. Its first fields (ok, drift, unknown, total, drifted) are exactly those of
/// tuning/check.sh; doctor adds the plan source and the environment facts. Written with Utf8JsonWriter (AOT-safe).
/// </summary>
public static class DoctorSummary
{
    /// <summary>Counts of each status in <paramref name="rows"/>.</summary>
    public static (int Ok, int Drift, int Unknown) Count(IReadOnlyList<KnobResult> rows)
    {
        int ok = 0, drift = 0, unknown = 0;
        foreach (var row in rows)
        {
            switch (row.Status)
            {
                case KnobStatus.Ok:
                    ok++;
                    break;
                case KnobStatus.Drift:
                    drift++;
                    break;
                default:
                    unknown++;
                    break;
            }
        }

        return (ok, drift, unknown);
    }

    /// <summary>The summary as one line of JSON (no trailing newline).</summary>
    public static string ToJson(IReadOnlyList<KnobResult> rows, string planSource, EnvironmentFacts? facts)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var (ok, drift, unknown) = Count(rows);
            json.WriteStartObject();
            json.WriteNumber("ok", ok);
            json.WriteNumber("drift", drift);
            json.WriteNumber("unknown", unknown);
            json.WriteNumber("total", rows.Count);
            json.WriteStartArray("drifted");
            foreach (var row in rows)
            {
                if (row.Status == KnobStatus.Drift)
                {
                    json.WriteStringValue(row.Name);
                }
            }

            json.WriteEndArray();
            json.WriteString("plan", planSource);
            if (facts is not null)
            {
                json.WriteString("cpu_model", facts.CpuModel);
                json.WriteNumber("cpus", facts.Cpus);
                json.WriteString("kernel", facts.Kernel);
                json.WriteString("runtime", facts.Runtime);
                json.WriteString("memlock_limit", facts.MemlockLimit);
                json.WriteString("rtprio_limit", facts.RtprioLimit);
                json.WriteBoolean("may_mlock", facts.MayLockMemory);
                json.WriteBoolean("may_sched_fifo", facts.MaySetFifo);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
