using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Desec.Bench;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Zones;

// Verbs of our own first; anything else goes to BenchmarkDotNet (`--filter '*ZoneLoad*'`, `--list flat`, ...).
return args.FirstOrDefault() switch
{
    "gen" => Generate(args[1..]),
    "load" => Load(args[1..]),
    "sign" => SignProfile.Run(args[1..]),
    "restart" => RestartProfile.Run(args[1..]),
    "queries" => QueryLoop.Run(args[1..]),
    "pg-latency" => PgLatency.Run(args[1..]),
    "tcp-abuse" => TcpAbuseRun.Run(args[1..]),
    "help" or "-h" or "--help" when args.Length == 1 => Usage(),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ZoneLoadBenchmarks).Assembly).Run(args);
    return 0;
}

static int Usage()
{
    Console.WriteLine("""
        Desec.Bench (run with: dotnet run -c Release --project bench/Desec.Bench -- ...)
          gen N FILE [ORIGIN]   write a deterministic zone with exactly N records (origin default bench.test.)
          load FILE [ORIGIN]    parse + build the zone once; print record count and times
          sign FILE ORIGIN [nsec|nsec3] [STATE]  load, sign and format the zone in timed sections
          restart FILE ORIGIN STATE  a restart from the signed version in STATE, in timed sections
          queries ZONEFILE ORIGIN QUERYFILE [nsec|nsec3|unsigned] [do|nodo] [COUNT]
                                answer a dnsperf query file in a loop (no sockets): ns and bytes per query
          pg-latency CONN PORT ZONES SAMPLES [BACKGROUND_PER_S]  COMMIT -> served on 127.0.0.1:PORT (see bench/pg-live.sh)
          tcp-abuse PORT drip|pipeline [CONNECTIONS] [PROBES]  hostile TCP clients on 127.0.0.1:PORT; share of
                                legitimate queries answered, median/p99 ms (see bench/tcp-abuse-compare.sh)
          --filter '*ZoneLoad*' BenchmarkDotNet: 1,000,000-record zone load (parse, parse + build)
          --filter '*RecordParse*'  BenchmarkDotNet: DnsName.Parse, RdataCodecs.Parse for A and MX
          --list flat           list every benchmark
        """);
    return 0;
}

static int Generate(string[] args)
{
    if (args.Length is < 2 or > 3 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int records))
    {
        Console.Error.WriteLine("usage: gen N FILE [ORIGIN]");
        return 2;
    }
    if (records < ZoneGenerator.MinimumRecords)
    {
        Console.Error.WriteLine($"gen: N must be at least {ZoneGenerator.MinimumRecords}");
        return 2;
    }
    string origin = args.Length == 3 ? args[2] : BenchData.Origin;
    var stopwatch = Stopwatch.StartNew();
    var summary = ZoneGenerator.WriteFile(args[1], records, origin);
    Console.WriteLine(
        $"records={summary.Records} hosts={summary.Hosts} delegations={summary.Delegations} groups={summary.Groups} " +
        $"file={args[1]} ms={stopwatch.ElapsedMilliseconds}");
    return 0;
}

static int Load(string[] args)
{
    if (args.Length is < 1 or > 2)
    {
        Console.Error.WriteLine("usage: load FILE [ORIGIN]");
        return 2;
    }
    var origin = DnsName.Parse(args.Length == 2 ? args[1] : BenchData.Origin);
    var startCpu = Environment.CpuUsage.TotalTime;
    var total = Stopwatch.StartNew();
    var parsed = ZoneFileParser.ParseFile(args[0], origin);
    double parseMs = total.Elapsed.TotalMilliseconds;
    var parseCpu = Environment.CpuUsage.TotalTime - startCpu;
    long parseAllocatedMb = GC.GetTotalAllocatedBytes() >> 20;
    if (!parsed.Success)
    {
        foreach (var error in parsed.Errors.Take(10)) { Console.Error.WriteLine(error.Message); }
        Console.Error.WriteLine($"load: {parsed.Errors.Count} parse errors");
        return 1;
    }
    var built = ZoneBuilder.Build(origin, parsed.Records);
    double totalMs = total.Elapsed.TotalMilliseconds;
    var buildCpu = Environment.CpuUsage.TotalTime - startCpu - parseCpu;
    foreach (var warning in built.Warnings.Take(10)) { Console.Error.WriteLine($"warning: {warning}"); }
    if (!built.Success)
    {
        foreach (var error in built.Errors.Take(10)) { Console.Error.WriteLine(error); }
        Console.Error.WriteLine($"load: zone refused with {built.Errors.Count} errors");
        return 1;
    }
    // Measured before anything is released, so the figure covers the parsed records and the zone together.
    long managedMb = GC.GetTotalMemory(forceFullCollection: false) >> 20;
    using var self = Process.GetCurrentProcess();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"records={built.Zone!.RecordCount} parsed={parsed.Records.Count} warnings={built.Warnings.Count} " +
        $"parse_ms={parseMs:F0} build_ms={totalMs - parseMs:F0} total_ms={totalMs:F0} " +
        $"parse_cpu_ms={parseCpu.TotalMilliseconds:F0} build_cpu_ms={buildCpu.TotalMilliseconds:F0} " +
        $"managed_mb={managedMb} peak_ws_mb={self.PeakWorkingSet64 >> 20} " +
        $"parse_alloc_mb={parseAllocatedMb} total_alloc_mb={GC.GetTotalAllocatedBytes() >> 20} " +
        $"gc_pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:F0} gc_counts={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
    GC.KeepAlive(parsed);
    return 0;
}
