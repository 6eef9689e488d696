namespace Desec.Zone.Zones;

/// <summary>
/// Stores the canonical keys of a zone's nodes back to back in large blocks, so that a zone of a
/// million names does not hold a million small arrays (each with its own object header, and each
/// one more object for the garbage collector to trace). Blocks start small and double up to
/// <see cref="MaxBlockSize"/>, so that a server of 10,000 small zones does not hold 10,000 mostly
/// empty 64 KiB blocks per version.
/// </summary>
internal sealed class KeyArena
{
    private const int FirstBlockSize = 1024;
    private const int MaxBlockSize = 64 * 1024;

    private byte[] _block = [];
    private int _used;
    private int _nextBlockSize = FirstBlockSize;

    /// <summary>Copies <paramref name="key"/> in; returns the block that holds it and where it starts.</summary>
    public (byte[] Block, int Offset) Add(ReadOnlySpan<byte> key)
    {
        if (_used + key.Length > _block.Length)
        {
            _block = new byte[Math.Max(_nextBlockSize, key.Length)];
            _nextBlockSize = Math.Min(_nextBlockSize * 2, MaxBlockSize);
            _used = 0;
        }
        int offset = _used;
        key.CopyTo(_block.AsSpan(offset));
        _used += key.Length;
        return (_block, offset);
    }
}
