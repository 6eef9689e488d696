using System.Diagnostics;
using System.Globalization;

namespace Desec.Bench;

/// <summary>
/// Wall and CPU time of consecutive sections of a profile verb; on a busy machine the CPU time is
/// the steadier figure.
/// </summary>
internal sealed class SectionTimer : IDisposable
{
    private readonly List<(string Name, double Ms, double CpuMs)> _sections = [];
    private readonly Process _self = Process.GetCurrentProcess();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _cpu;

    public SectionTimer() => _cpu = _self.TotalProcessorTime;

    public long PeakWorkingSet
    {
        get { _self.Refresh(); return _self.PeakWorkingSet64; }
    }

    /// <summary>Ends the section running since the last call (or the start) under <paramref name="name"/>.</summary>
    public void Section(string name)
    {
        _self.Refresh();
        _sections.Add((name, _clock.Elapsed.TotalMilliseconds, (_self.TotalProcessorTime - _cpu).TotalMilliseconds));
        _cpu = _self.TotalProcessorTime;
        _clock.Restart();
    }

    public void Print()
    {
        Console.WriteLine($"{"section",-50} {"wall ms",9} {"CPU ms",9}");
        foreach (var (name, ms, cpuMs) in _sections) { Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-50} {ms,9:F0} {cpuMs,9:F0}")); }
    }

    public void Dispose() => _self.Dispose();
}
