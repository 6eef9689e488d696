namespace Desec.Zone.Names;

/// <summary>
/// Ordinal equality of canonical name keys (<see cref="CanonicalOrder.WriteKey"/>), also over
/// spans, so that a dictionary keyed by name keys is searched from a stack buffer without
/// allocating (<see cref="Dictionary{TKey,TValue}.GetAlternateLookup{TAlternateKey}"/>). Keys are
/// lower-cased already: ordinal comparison is case-insensitive name comparison.
/// </summary>
public sealed class NameKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly NameKeyComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] key) => Hash(key);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = new HashCode();
        hash.AddBytes(key);
        return hash.ToHashCode();
    }
}
