using System.Buffers.Binary;
using System.Security.Cryptography;
using Desec.Auth.Transfer;

namespace Desec.Fuzz.Targets;

/// <summary>
/// A journal file in the state folder, opened as the server opens it (<see cref="Journal"/>'s
/// constructor cuts a damaged tail), then asked for the changes since its oldest serial and since
/// another. Contract: never throws. Each entry's checksum is set right first, so mutations get past it.
/// </summary>
public sealed class JournalTarget : IFuzzTarget
{
    private const int FrameHeader = 8;

    private readonly Lazy<string> _directory = new(() => Directory.CreateDirectory(Path.Combine(Fixture.Scratch, "journal-target")).FullName);
    private readonly JournalLimits _limits = new(MaxEntries: 5, MaxBytes: 1 << 20, MaxAge: TimeSpan.FromDays(14));

    public string Name => "journal";

    public void Run(byte[] input)
    {
        FixChecksums(input);
        File.WriteAllBytes(Path.Combine(_directory.Value, Fixture.Com + "journal"), input);
        var journal = new Journal(_directory.Value, Fixture.Com, _limits, Fixture.Clock);
        if (journal.OldestSerial is { } oldest) { journal.ChangesSince(oldest); }
        journal.ChangesSince(Fixture.FirstSerial);
    }

    /// <summary>
    /// Walks the frames (length, checksum, payload) as far as their lengths allow and writes each
    /// payload's checksum (the first 4 octets of its SHA-256) into its frame.
    /// </summary>
    public static void FixChecksums(byte[] file)
    {
        Span<byte> hash = stackalloc byte[32];
        int position = 0;
        while (position + FrameHeader <= file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(position));
            if (length < 0 || length > file.Length - position - FrameHeader) { return; }
            SHA256.HashData(file.AsSpan(position + FrameHeader, length), hash);
            hash[..4].CopyTo(file.AsSpan(position + 4));
            position += FrameHeader + length;
        }
    }
}
