using System.Diagnostics;
using System.Globalization;
using Desec.Auth.Query;
using Desec.Auth.Zones;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Bench;

/// <summary>
/// The <c>queries</c> verb: loads and signs a zone the way the server does, then answers a dnsperf
/// query file (name and type per line) through <see cref="QueryHandler"/> in a loop, without
/// sockets. It prints the answer path's time and bytes allocated per query, so that the server's
/// CPU per query under dnsperf can be split into answering and the rest (sockets, kernel), and the
/// managed heap and RSS after signing (what the zone costs in memory). Under
/// <c>valgrind --tool=callgrind</c> its instruction counts are repeatable on a busy machine.
/// </summary>
internal static class QueryLoop
{
    public static int Run(string[] args)
    {
        if (args.Length is < 3 or > 6)
        {
            Console.Error.WriteLine("usage: queries ZONEFILE ORIGIN QUERYFILE [nsec|nsec3|unsigned] [do|nodo] [COUNT]");
            return 2;
        }
        var origin = DnsName.Parse(args[1]);
        string denial = args.Length > 3 ? args[3] : "nsec";
        bool dnssecOk = args.Length <= 4 || args[4] != "nodo";
        int count = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 2_000_000;

        var stopwatch = Stopwatch.StartNew();
        var parsed = ZoneFileParser.ParseFile(args[0], origin);
        if (!parsed.Success) { Console.Error.WriteLine(parsed.Errors[0].Message); return 1; }
        var zone = ZoneBuilder.Build(origin, parsed.Records).Zone ?? throw new InvalidOperationException("zone refused");
        parsed = null;
        ServedZone served;
        if (denial == "unsigned") { served = new ServedZone(zone); }
        else
        {
            var key = KeyGenerator.Generate(origin, Desec.Signer.Algorithms.DnssecAlgorithm.Default, DnskeyRdata.KskFlags);
            var policy = new SigningPolicy { Denial = denial == "nsec" ? DenialMode.Nsec : DenialMode.Nsec3 };
            var signed = ZoneSigner.Sign(zone, [key], policy, zone.Serial, DateTimeOffset.UtcNow);
            if (!signed.Success) { Console.Error.WriteLine(signed.Errors[0]); return 1; }
            served = new ServedZone(signed.Zone!);
        }
        zone = null;
        Console.WriteLine(Footprint(served.Zone));
        var store = new ZoneStore();
        store.Update(_ => new ZoneSet([served]));
        served = null!;
        double loadSeconds = stopwatch.Elapsed.TotalSeconds;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        using (var self = Process.GetCurrentProcess())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load_s={loadSeconds:F1} managed_heap_mb={heap / 1048576.0:F0} rss_mb={self.WorkingSet64 / 1048576.0:F0}"));
        }

        var queries = ReadQueries(args[2], dnssecOk);
        var handler = new QueryHandler(new Answerer(store), new AnswerOptions());
        var response = new byte[65535];
        long responseBytes = 0;
        int warm = Math.Min(count, 200_000);
        for (int i = 0; i < warm; i++) { QueryBenchmarks.Ask(handler, queries[i % queries.Length], response); }
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        stopwatch.Restart();
        for (int i = 0; i < count; i++)
        {
            responseBytes += QueryBenchmarks.Ask(handler, queries[i % queries.Length], response);
        }
        double seconds = stopwatch.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queries={count} do={dnssecOk} denial={denial} ns_per_query={seconds * 1e9 / count:F0} cpu_ns_per_query={cpuSeconds * 1e9 / count:F0} " +
            $"answers_per_cpu_s={count / cpuSeconds:F0} bytes_allocated_per_query={(double)allocated / count:F2} avg_response_b={(double)responseBytes / count:F0}"));
        // Which queries allocate (the target is none): the first few, by name and type.
        int shown = 0;
        foreach (var query in queries)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            QueryBenchmarks.Ask(handler, query, response);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            if (bytes == 0) { continue; }
            Desec.Zone.Messages.MessageReader.TryStart(query, out var message);
            message.ReadQuestion();
            Console.WriteLine($"allocates {bytes} B: {DnsName.FromWire(message.Question.Name)} type {message.Question.Type}");
            if (++shown == 5) { break; }
        }
        GC.KeepAlive(store);
        return 0;
    }

    /// <summary>
    /// What the served zone's objects cost, estimated from their shapes (64-bit .NET: 16 octets of
    /// object header, arrays 24 plus their elements, sizes rounded to 8): nodes, RRsets, RDATA.
    /// </summary>
    private static string Footprint(Desec.Zone.Zones.Zone zone)
    {
        static long Round(long bytes) => (bytes + 7) / 8 * 8;
        long nodes = 0, rrsets = 0, rdatas = 0, rdataBytes = 0, rdataObjects = 0, nodeObjects = 0, setObjects = 0, names = 0;
        var seenRdata = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        var seenSets = new HashSet<Desec.Zone.Records.RRset>(ReferenceEqualityComparer.Instance);
        var seenOwners = new HashSet<DnsName>(ReferenceEqualityComparer.Instance);
        foreach (var node in zone.Nodes)
        {
            nodes++;
            nodeObjects += Round(16 + 8 * 8 + 4 * 4) + Round(24 + 8 * node.RRsets.Count);
            if (seenOwners.Add(node.Name)) { names += Round(16 + 8) + Round(24 + node.Name.Length); } // a DnsName and its wire bytes
            foreach (var set in node.RRsets)
            {
                if (!seenSets.Add(set)) { continue; }
                rrsets++;
                if (seenOwners.Add(set.Owner) && !ReferenceEquals(set.Owner, node.Name)) { names += Round(16 + 8) + Round(24 + set.Owner.Length); }
                setObjects += Round(16 + 8 + 8 + 4 + 2) + Round(24 + 8 * set.Count);
                foreach (var rdata in set.Rdatas)
                {
                    if (!seenRdata.Add(rdata)) { continue; }
                    rdatas++;
                    rdataBytes += rdata.Length;
                    rdataObjects += Round(24 + rdata.Length);
                }
            }
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"nodes={nodes} names={seenOwners.Count} rrsets={rrsets} rdatas={rdatas} est_mb: node_objects={nodeObjects / 1048576.0:F0} name_objects={names / 1048576.0:F0} " +
            $"rrset_objects={setObjects / 1048576.0:F0} rdata_arrays={rdataObjects / 1048576.0:F0} (payload {rdataBytes / 1048576.0:F0})");
    }

    /// <summary>dnsperf's format: "name type" per line; each becomes a query with EDNS (1232) and DO as asked.</summary>
    private static byte[][] ReadQueries(string path, bool dnssecOk)
    {
        var list = new List<byte[]>();
        foreach (string line in File.ReadLines(path))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2) { continue; }
            if (!Desec.Zone.Records.RRType.TryParse(words[1], out ushort type)) { continue; }
            string name = words[0].EndsWith('.') ? words[0] : words[0] + ".";
            list.Add(QueryBenchmarks.Query(name, type, dnssecOk));
            if (list.Count == 200_000) { break; }
        }
        return [.. list];
    }
}
