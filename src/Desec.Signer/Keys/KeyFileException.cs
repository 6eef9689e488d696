using Desec.Signer.Algorithms;

namespace Desec.Signer.Keys;

/// <summary>A key file that cannot be read or does not fit its pair or its name; the message names the file.</summary>
public sealed class KeyFileException(string path, string reason, Exception? inner = null)
    : DnssecKeyException($"{path}: {reason}", inner)
{
    public string Path { get; } = path;
    public string Reason { get; } = reason;
}
