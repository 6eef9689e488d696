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

    public string Get(ReadOnlySpan<char> word)
    {
        if (word.Length > MaxLength) { return word.ToString(); }
        uint hash = (uint)word.Length;
        foreach (char c in word) { hash = hash * 31 + c; }
        ref string? slot = ref _slots[hash % SlotCount];
        if (slot is not null && word.SequenceEqual(slot)) { return slot; }
        return slot = word.ToString();
    }
}
