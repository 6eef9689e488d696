using Microsoft.Win32.SafeHandles;

namespace Desec.Auth.Transport;

/// <summary>
/// A few file descriptors held in reserve (open on /dev/null) and given back the moment the process
/// runs out: the .NET runtime needs descriptors of its own to start a thread or load an assembly,
/// and fails fatally without them, so a server that hits its limit must free some at once, before it
/// closes connections to make lasting room. Taken again once there is room.
/// </summary>
internal sealed class SpareDescriptors : IDisposable
{
    public const int Count = 16;

    private readonly Lock _lock = new();
    private readonly List<SafeFileHandle> _held = [];

    public SpareDescriptors() => TryTake();

    public bool Held { get { lock (_lock) { return _held.Count == Count; } } }

    /// <summary>Closes the spares, so that the runtime and the next accept find descriptors free.</summary>
    public void Release()
    {
        lock (_lock)
        {
            foreach (var handle in _held) { handle.Dispose(); }
            _held.Clear();
        }
    }

    /// <summary>Opens the spares again; false (holding none) while there is no room for all of them.</summary>
    public bool TryTake()
    {
        if (!OperatingSystem.IsLinux()) { return true; }
        lock (_lock)
        {
            try
            {
                while (_held.Count < Count) { _held.Add(File.OpenHandle("/dev/null")); }
                return true;
            }
            catch (IOException)
            {
                foreach (var handle in _held) { handle.Dispose(); }
                _held.Clear();
                return false;
            }
        }
    }

    public void Dispose() => Release();
}
