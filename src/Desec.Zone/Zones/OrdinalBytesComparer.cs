namespace Desec.Zone.Zones;

/// <summary>Ordinal equality of byte arrays (RDATA compared octet by octet).</summary>
internal sealed class OrdinalBytesComparer : IEqualityComparer<byte[]>
{
    public static readonly OrdinalBytesComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] bytes)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}
