namespace Desec.Signer.Denial;

/// <summary>
/// Builds the type bit maps of NSEC and NSEC3 (RFC 4034 §4.1.2, RFC 5155 §3.2.1): one bit per type,
/// then for each block of 256 types that has a bit, its window number, the count of octets up to
/// the last non-zero one (1 to 32) and those octets. Types may come in any order and more than once.
/// One writer is reused for a whole chain: <see cref="WriteTo"/> clears only the windows it used.
/// </summary>
internal sealed class TypeBitmapWriter
{
    private readonly byte[] _bits = new byte[256 * 32];
    private int _lowestWindow = 256, _highestWindow = -1;

    public void Add(ushort type)
    {
        _bits[type >> 3] |= (byte)(0x80 >> (type & 7));
        int window = type >> 8;
        if (window < _lowestWindow) { _lowestWindow = window; }
        if (window > _highestWindow) { _highestWindow = window; }
    }

    public bool IsEmpty => _highestWindow < 0;

    /// <summary>Encoded length of the types added since the last <see cref="WriteTo"/>.</summary>
    public int EncodedLength
    {
        get
        {
            int length = 0;
            for (int window = _lowestWindow; window <= _highestWindow; window++)
            {
                int used = UsedOctets(window);
                if (used > 0) { length += 2 + used; }
            }
            return length;
        }
    }

    /// <summary>Writes the bit maps, returns their length and starts over empty.</summary>
    public int WriteTo(Span<byte> destination)
    {
        int pos = 0;
        for (int window = _lowestWindow; window <= _highestWindow; window++)
        {
            int used = UsedOctets(window);
            if (used == 0) { continue; }
            destination[pos++] = (byte)window;
            destination[pos++] = (byte)used;
            _bits.AsSpan(window * 32, used).CopyTo(destination[pos..]);
            pos += used;
        }
        if (_highestWindow >= 0) { _bits.AsSpan(_lowestWindow * 32, (_highestWindow - _lowestWindow + 1) * 32).Clear(); }
        _lowestWindow = 256;
        _highestWindow = -1;
        return pos;
    }

    private int UsedOctets(int window) => _bits.AsSpan(window * 32, 32).LastIndexOfAnyExcept((byte)0) + 1;
}
