using Desec.Zone.Names;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Auth.Publishing;

/// <summary>What the publisher knows of one zone between rounds: what is served, and how it is failing.</summary>
internal sealed class ZoneState(DnsName origin)
{
    public DnsName Origin { get; } = origin;

    /// <summary>The source's version the served one was signed from (a new one differs by reference).</summary>
    public ZoneData? PublishedFrom { get; set; }

    /// <summary>The version served now; null before the first one got through.</summary>
    public SignedVersion? Served { get; set; }

    /// <summary>Failures in a row (0 once a version gets through).</summary>
    public int Failures { get; set; }

    public PublishStep? FailedStep { get; set; }

    public string? LastError { get; set; }

    /// <summary>A retry is posted or waiting for its back-off.</summary>
    public bool RetryPending { get; set; }

    /// <summary>The source's version the last failed attempt was made from: tried again only when its back-off is over.</summary>
    public ZoneData? AttemptedFrom { get; set; }

    /// <summary>When the back-off after the last failure is over.</summary>
    public DateTimeOffset NextTry { get; set; }

    public ZoneStatus Status => new(Origin, Served?.Served.Zone.Serial, Failures, FailedStep, LastError);

    public void Succeeded()
    {
        AttemptedFrom = null;
        Failures = 0;
        FailedStep = null;
        LastError = null;
    }
}

/// <summary>A zone as the publisher sees it: the serial served (null: none yet) and its failures in a row, the last step and reason.</summary>
public sealed record ZoneStatus(DnsName Zone, uint? Serial, int Failures, PublishStep? FailedStep, string? LastError);
