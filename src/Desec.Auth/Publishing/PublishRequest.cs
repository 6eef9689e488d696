using Desec.Zone.Names;

namespace Desec.Auth.Publishing;

/// <summary>Why zones are to be published again.</summary>
public enum PublishReason
{
    /// <summary>The server starts: every source is read.</summary>
    Startup,

    /// <summary>SIGHUP: the zone folder is read again and the database's versions compared.</summary>
    Hangup,

    /// <summary>The zone folder's watch saw a change.</summary>
    FolderChanged,

    /// <summary>The database notified a change of one zone (or, without a zone, of some zone).</summary>
    DatabaseNotification,

    /// <summary>The database connection came back: every zone's version is compared (notifications sent meanwhile are lost).</summary>
    DatabaseReconnected,

    /// <summary>Signatures reach their refresh point.</summary>
    SignatureRefresh,

    /// <summary>An earlier attempt failed; its back-off has passed.</summary>
    Retry,

    /// <summary>A change from outside the sources (RFC 2136 UPDATE, a control command).</summary>
    Update,
}

/// <summary>One reason to publish, for one zone or (when <see cref="Zone"/> is null) for all of them.</summary>
public readonly record struct PublishRequest(DnsName? Zone, PublishReason Reason)
{
    public static PublishRequest All(PublishReason reason) => new(null, reason);

    public override string ToString() => Zone is null ? $"{Reason} (all zones)" : $"{Reason} ({Zone})";
}
