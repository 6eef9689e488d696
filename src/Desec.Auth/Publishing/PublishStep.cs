using Desec.Zone.Names;

namespace Desec.Auth.Publishing;

/// <summary>The steps every zone goes through, in this order.</summary>
public enum PublishStep
{
    /// <summary>Reading and validating the zone from its source (file, database rows).</summary>
    Source,

    /// <summary>Keys, signatures, denial chain and serial.</summary>
    Sign,

    /// <summary>The catalog zone (RFC 9432) that lists the served zones.</summary>
    Catalog,

    /// <summary>The difference from the served version, kept for IXFR (RFC 1995) before it is served.</summary>
    Journal,

    /// <summary>The atomic swap of the served set of zones.</summary>
    Store,

    /// <summary>NOTIFY (RFC 1996) to the secondaries, after the new version is served.</summary>
    Notify,
}

/// <summary>
/// Watches every step of every zone before it runs; a hook for tests (to fail a step of one zone, or
/// to see the order) and, later, for metrics. Whatever it throws counts as the step's failure.
/// </summary>
public interface IPublishObserver
{
    void BeforeStep(DnsName zone, PublishStep step, uint? serial);
}

/// <summary>Back-off for a zone that keeps failing: the first wait, doubling up to the last.</summary>
public sealed record RetryPolicy(TimeSpan First, TimeSpan Last)
{
    public static readonly RetryPolicy Default = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    /// <summary>The wait before attempt number <paramref name="failures"/> + 1.</summary>
    public TimeSpan After(int failures) =>
        TimeSpan.FromTicks((long)Math.Min(Last.Ticks, First.Ticks * Math.Pow(2, Math.Clamp(failures - 1, 0, 62))));
}
