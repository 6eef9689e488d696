using Desec.Fuzz;
using Desec.Fuzz.Targets;

// Desec.Fuzz TARGET           under afl-fuzz: SharpFuzz's fork server, one input per run from stdin
// Desec.Fuzz TARGET FILE...   replays inputs (a corpus, a crash); prints every contract breach with its stack
// Desec.Fuzz targets          lists the targets
// Desec.Fuzz seeds DIR        writes the seeds made by the project's own writers (DIR/TARGET/...)
// Code instrumented by sharpfuzz counts branches into afl-fuzz's map, which SharpFuzz attaches
// only in the process that runs the inputs; everywhere else (the fork server, replays, seeds) the
// counts go to a map of this process, of the size afl-fuzz uses.
unsafe { SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16); }

IFuzzTarget[] targets =
[
    new QueryTarget(), new TransferTarget(), new ZoneFileTarget(), new SignedZoneTarget(),
    new JournalTarget(), new PrivateKeyTarget(), new TsigKeyTarget(),
];

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Desec.Fuzz TARGET [FILE...] | targets | seeds DIR");
    return 2;
}
if (args[0] == "targets")
{
    foreach (var t in targets) { Console.WriteLine(t.Name); }
    return 0;
}
if (args[0] == "seeds" && args.Length == 2)
{
    Seeds.Write(args[1]);
    return 0;
}
var target = targets.FirstOrDefault(t => t.Name == args[0]);
if (target is null)
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; known: {string.Join(", ", targets.Select(t => t.Name))}");
    return 2;
}
if (args.Length > 1) { return Replay.Run(target, args[1..]); }

// The out-of-process server survives a stack overflow or a timeout of the child that runs the
// inputs (it starts a new one and reports the input as a crash or hang) instead of ending the campaign.
SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    target.Run(memory.ToArray());
});
return 0;
