using System.Globalization;
using Desec.Signer.Denial;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Signer.Storage;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Bench;

/// <summary>
/// The <c>restart</c> verb: what a restart with nothing changed does before it answers, in timed
/// sections (parse and build the unsigned zone, its digest, load the signed version kept in the state
/// folder and check it), then the parts of the restore on their own for comparison.
/// </summary>
internal static class RestartProfile
{
    public static int Run(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: restart FILE ORIGIN STATE   (STATE: a state folder a server has stored the zone in)");
            return 2;
        }
        var origin = DnsName.Parse(args[1]);
        string state = args[2];
        var policy = new SigningPolicy();
        using var timer = new SectionTimer();
        void Section(string name) => timer.Section(name);

        var parsed = ZoneFileParser.ParseFile(args[0], origin);
        if (!parsed.Success) { Console.Error.WriteLine(parsed.Errors[0].Message); return 1; }
        Section("parse");
        var zone = ZoneBuilder.Build(origin, parsed.Records).Zone ?? throw new InvalidOperationException("zone refused");
        Section("build");
        var digest = SigningInputs.UnsignedDigest(zone);
        Section("unsigned digest");
        var keys = new KeyStore(Path.Combine(state, "keys")).Load(origin);
        Section("keys");
        var store = new SignedZoneStore(Path.Combine(state, "signed"));
        var loaded = store.Load(origin, digest, keys, policy, new SerialStore(state).LastPublished(origin), DateTimeOffset.UtcNow);
        Section($"SignedZoneStore.Load: {loaded.Fit}");
        if (loaded.Fit != StoredFit.Current) { Console.Error.WriteLine(loaded.Reason); }

        // The pieces, again, on their own.
        var bytes = File.ReadAllBytes(store.PathOf(origin));
        Section($"(read {bytes.Length >> 20} MB)");
        var file = SignedZoneFile.Decode(bytes);
        Section("(checksum + decode)");
        var restored = ZoneSigner.Restore(origin, file.Records, keys, policy, DateTimeOffset.UtcNow, out _);
        Section("(ZoneSigner.Restore)");
        var plain = file.Records.Where(r => r.Type is not (RRType.RRSIG or RRType.NSEC or RRType.NSEC3 or RRType.NSEC3PARAM)).ToList();
        var rebuilt = ZoneBuilder.Build(origin, plain).Zone!;
        Section("(  ZoneBuilder.Build of the plain records)");
        Nsec3ChainBuilder.Build(rebuilt, policy.Nsec3);
        Section("(  Nsec3ChainBuilder.Build)");
        GC.KeepAlive(restored);

        timer.Print();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"records={file.Records.Count} peak_ws_mb={timer.PeakWorkingSet >> 20} gc0={GC.CollectionCount(0)} gc1={GC.CollectionCount(1)} gc2={GC.CollectionCount(2)}"));
        return 0;
    }
}
