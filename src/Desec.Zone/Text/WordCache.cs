using System.Text;

namespace Desec.Zone.Text;

/// <summary>
/// Hands out one string for short words that recur on almost every line of a zone file (types,
/// classes, TTLs, small numbers), so that a million records do not make a million copies of
/// <c>IN</c>. A word that does not recur just takes over its slot.
/// </summary>
internal sealed class WordCache
{
    private const int MaxLength = 8;
    private const int SlotCount = 256;

    private readonly string?[] _slots = new string?[SlotCount];

    /// <summary>The word (UTF-8 octets) as a string.</summary>
    public string Get(ReadOnlySpan<byte> word)
    {
        if (word.Length > MaxLength || !Ascii.IsValid(word)) { return LosslessUtf8.Decode(word); }
        uint hash = (uint)word.Length;
        foreach (byte b in word) { hash = hash * 31 + b; }
        ref string? slot = ref _slots[hash % SlotCount];
        if (slot is not null && Ascii.Equals(word, slot)) { return slot; }
        return slot = Encoding.ASCII.GetString(word);
    }
}
