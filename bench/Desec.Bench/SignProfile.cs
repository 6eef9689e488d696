using System.Globalization;
using System.Text;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Bench;

/// <summary>
/// The <c>sign</c> verb: what <c>desec-auth sign</c> does, in timed sections (load, sign, write),
/// then the parts of signing on their own for comparison: signing every authoritative RRset on one
/// thread and building the zone once more from all its records.
/// </summary>
internal static class SignProfile
{
    public static int Run(string[] args)
    {
        if (args.Length is < 2 or > 4)
        {
            Console.Error.WriteLine("usage: sign FILE ORIGIN [nsec|nsec3] [STATE]");
            return 2;
        }
        var origin = DnsName.Parse(args[1]);
        var denial = args.Length >= 3 && args[2] == "nsec" ? DenialMode.Nsec : DenialMode.Nsec3;
        string state = args.Length == 4 ? args[3] : Path.Combine(Path.GetTempPath(), "desec-bench-sign-state");
        var policy = new SigningPolicy { Denial = denial };
        using var timer = new SectionTimer();
        void Section(string name) => timer.Section(name);

        var parsed = ZoneFileParser.ParseFile(args[0], origin);
        if (!parsed.Success) { Console.Error.WriteLine(parsed.Errors[0].Message); return 1; }
        Section("parse");
        var zone = ZoneBuilder.Build(origin, parsed.Records).Zone ?? throw new InvalidOperationException("zone refused");
        Section("build");
        var keys = new KeyStore(Path.Combine(state, "keys")).LoadOrCreate(origin, policy.Algorithm);
        Section("keys");
        var result = ZoneSigner.Sign(zone, keys, policy, ZoneSigner.SourceSerial(zone), DateTimeOffset.UtcNow);
        if (!result.Success) { Console.Error.WriteLine(result.Errors[0]); return 1; }
        Section("ZoneSigner.Sign");
        var line = new StringBuilder(512);
        long records = 0, bytes = 0;
        foreach (var record in result.Zone!.Records)
        {
            line.Clear();
            record.AppendTo(line);
            bytes += line.Length + 1;
            records++;
        }
        Section("format records");

        // The pieces, again, on their own.
        var signer = keys[0];
        var sets = new List<RRset>();
        foreach (var node in result.Zone.Zone.Nodes)
        {
            if (node.Is(NodeFlags.Occluded)) { continue; }
            foreach (var set in node.RRsets)
            {
                if (set.Type == RRType.RRSIG || node.Is(NodeFlags.Delegation) && set.Type != RRType.DS) { continue; }
                sets.Add(set);
            }
        }
        Section("(collect RRsets)");
        foreach (var set in sets) { RrsigSigner.Sign(set, signer, 1, 2); }
        Section($"RrsigSigner.Sign x{sets.Count}, one thread");
        var rebuilt = ZoneBuilder.Build(origin, result.Zone.Zone.Records);
        Section("ZoneBuilder.Build of the signed records");
        GC.KeepAlive(rebuilt);

        var data = new byte[200];
        for (int i = 0; i < 20000; i++) { signer.SigningKey.Sign(data); }
        Section("SigningKey.Sign x20000 (200 octets), one thread");
        timer.Print();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"records={records} text_mb={bytes >> 20} signer={signer} peak_ws_mb={timer.PeakWorkingSet >> 20} gc0={GC.CollectionCount(0)} gc2={GC.CollectionCount(2)}"));
        return 0;
    }
}
