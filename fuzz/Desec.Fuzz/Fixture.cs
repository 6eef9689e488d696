using System.Net;
using Desec.Auth.Config;
using Desec.Auth.Query;
using Desec.Auth.Transfer;
using Desec.Auth.Tsig;
using Desec.Zone.Tsig;
using Desec.Auth.Zones;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Fuzz;

/// <summary>A clock that stands still, so that signatures, TSIG times and journal ages are the same in every run.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// What the targets share, built once per process: the two zones signed with the keys in
/// fuzz/keys (example.com. with NSEC3, example.net. with NSEC), a TSIG keyring, transfer ACLs,
/// the IXFR journal of example.com. and the query handler over all of it.
/// </summary>
public static class Fixture
{
    /// <summary>The time every target runs at: after the keys were made, the time the TSIG seeds were signed at.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
    public static readonly FixedClock Clock = new(Now);

    public static readonly DnsName Com = DnsName.Parse("example.com.");
    public static readonly DnsName Net = DnsName.Parse("example.net.");

    /// <summary>The TSIG key of the seeds (<c>dig -y hmac-sha256:xfr-key:SECRET</c>).</summary>
    public const string TsigKeyName = "xfr-key";
    public const string TsigSecret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM=";

    /// <summary>The peer of every stream request: admitted by address to example.com., by key only to example.net.</summary>
    public static readonly Desec.Auth.Transport.PeerAddress Peer = Desec.Auth.Transport.PeerAddress.FromEndPoint(new IPEndPoint(IPAddress.Loopback, 53000));

    /// <summary>Serials of the two versions of example.com. the journal holds the change between.</summary>
    public const uint FirstSerial = 2026112801, SecondSerial = 2026112802;

    private static readonly Lazy<string> ScratchLazy = new(() =>
    {
        string path = Directory.CreateTempSubdirectory("desec-fuzz-").FullName;
        // A replay ends normally; a child of the fork server is killed, and run.sh removes its TMPDIR.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(path, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        };
        return path;
    });
    private static readonly Lazy<Built> BuiltLazy = new(Build);

    /// <summary>A folder of this process for the files a target writes.</summary>
    public static string Scratch => ScratchLazy.Value;

    public static string ZoneText(DnsName origin) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "zones", origin + "zone"));

    public static IReadOnlyList<DnssecKey> Keys(DnsName zone) => new KeyStore(KeyFolder.Value, Clock).Load(zone);

    /// <summary>
    /// The fixture's keys, copied into the scratch folder with mode 0600: a checkout gives them 0644,
    /// and the key store refuses a private key that others may read.
    /// </summary>
    private static readonly Lazy<string> KeyFolder = new(() =>
    {
        string folder = Directory.CreateDirectory(Path.Combine(Scratch, "keys")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "keys")))
        {
            string copy = Path.Combine(folder, Path.GetFileName(file));
            File.Copy(file, copy);
            if (!OperatingSystem.IsWindows()) { File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite); }
        }
        return folder;
    });

    public static SigningPolicy Policy(DnsName zone) => new() { Denial = zone == Net ? DenialMode.Nsec : DenialMode.Nsec3 };

    public static Zone.Zones.Zone Unsigned(DnsName origin, string text)
    {
        var parsed = ZoneFileParser.ParseText(text, origin.ToString(), origin);
        if (!parsed.Success) { throw new InvalidOperationException(string.Join("\n", parsed.Errors)); }
        var built = ZoneBuilder.Build(origin, parsed.Records);
        return built.Zone ?? throw new InvalidOperationException(string.Join("\n", built.Errors));
    }

    public static SignedZone Sign(Zone.Zones.Zone zone, uint serial)
    {
        var result = ZoneSigner.Sign(zone, Keys(zone.Origin), Policy(zone.Origin), serial, Now);
        return result.Zone ?? throw new InvalidOperationException(string.Join("\n", result.Errors));
    }

    /// <summary>The query handler over both zones, with the keyring, the ACLs and the journal.</summary>
    public static QueryHandler Handler => BuiltLazy.Value.Handler;

    /// <summary>The two versions of example.com. (the second is served) and the signed example.net.</summary>
    public static (SignedZone First, SignedZone Second, SignedZone Net) Versions => BuiltLazy.Value.Versions;

    /// <summary>The journal file of example.com. with the change from the first version to the second.</summary>
    public static string JournalDirectory => BuiltLazy.Value.JournalDirectory;

    private sealed record Built(QueryHandler Handler, (SignedZone, SignedZone, SignedZone) Versions, string JournalDirectory);

    private static Built Build()
    {
        string comText = ZoneText(Com);
        var first = Sign(Unsigned(Com, comText), FirstSerial);
        var second = Sign(Unsigned(Com, comText + "added TXT \"in the second version\"\nmail AAAA 2001:db8::26\n"), SecondSerial);
        var net = Sign(Unsigned(Net, ZoneText(Net)), 1);

        var store = new ZoneStore();
        store.Update(_ => new ZoneSet([new ServedZone(second), new ServedZone(net)]));
        string journalDirectory = Path.Combine(Scratch, "journal");
        var journals = new Journals(journalDirectory, clock: Clock);
        var (removed, added) = VersionDiff.Between(new ServedZone(first), new ServedZone(second));
        journals.Get(Com).AppendDifference(FirstSerial, SecondSerial, removed, added);

        var acls = new Dictionary<DnsName, TransferAcl>
        {
            [Com] = ZoneTransferConfig.ParseAcl(["127.0.0.1", "key:" + TsigKeyName], "fuzz"),
            [Net] = ZoneTransferConfig.ParseAcl(["key:" + TsigKeyName], "fuzz"),
        };
        var transfers = new ZoneTransfers(store, zone => acls.GetValueOrDefault(zone, TransferAcl.DenyAll), journals);
        var keyring = new TsigKeyring([TsigKeyText.Create(TsigKeyName, "hmac-sha256", TsigSecret)]);
        var options = new AnswerOptions { Nsid = "fuzz"u8.ToArray() };
        var handler = new QueryHandler(new Answerer(store), options, transfers, keyring, Clock);
        return new Built(handler, (first, second, net), journalDirectory);
    }
}
