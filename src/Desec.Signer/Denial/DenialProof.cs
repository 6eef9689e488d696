namespace Desec.Signer.Denial;

/// <summary>
/// The denial records an answer needs: up to three distinct indices into a chain's records (an
/// NSEC3 closest encloser proof with a wildcard is the largest, RFC 5155 §7.2.2), without duplicates
/// (one record may play two roles), in the order the roles were added. A value type: building a
/// proof on the query path allocates nothing.
/// </summary>
public readonly struct DenialProof
{
    private readonly int _first, _second, _third;

    private DenialProof(int count, int first, int second, int third)
    {
        Count = count;
        _first = first;
        _second = second;
        _third = third;
    }

    public static DenialProof Empty => default;

    public int Count { get; }

    public int this[int position] => position switch
    {
        0 when Count > 0 => _first,
        1 when Count > 1 => _second,
        2 when Count > 2 => _third,
        _ => throw new ArgumentOutOfRangeException(nameof(position)),
    };

    /// <summary>This proof plus <paramref name="index"/>, unless it is negative (no record) or already present.</summary>
    public DenialProof With(int index)
    {
        if (index < 0 || Contains(index)) { return this; }
        return Count switch
        {
            0 => new DenialProof(1, index, 0, 0),
            1 => new DenialProof(2, _first, index, 0),
            2 => new DenialProof(3, _first, _second, index),
            _ => throw new InvalidOperationException("a denial proof holds at most three records"),
        };
    }

    public bool Contains(int index)
    {
        for (int i = 0; i < Count; i++) { if (this[i] == index) { return true; } }
        return false;
    }

    public int[] ToArray()
    {
        var result = new int[Count];
        for (int i = 0; i < Count; i++) { result[i] = this[i]; }
        return result;
    }

    public override string ToString() => $"[{string.Join(", ", ToArray())}]";
}
