using Desec.Auth.Transport;

namespace Desec.Fuzz.Targets;

/// <summary>Checks on what the handler writes, shared by the query and the transfer target.</summary>
internal static class Streams
{
    /// <summary>The largest message a stream transport carries (RFC 1035 §4.2.2: a two-octet length).</summary>
    public const int MaxMessage = 65_535;

    /// <summary>More messages than any transfer of the fixture's small zones needs.</summary>
    private const int MaxMessages = 10_000;

    public static void CheckLength(int length, int space, string what)
    {
        if (length < 0 || length > space) { throw new ContractException($"{what} returned length {length} for a buffer of {space}"); }
    }

    /// <summary>A reply is one message within the buffer, or a stream that ends.</summary>
    public static void Check(Reply reply, byte[] buffer, string what)
    {
        CheckLength(reply.Length, buffer.Length, what);
        if (reply.Stream is { } stream) { Drain(stream, buffer); }
    }

    /// <summary>Writes every message of a stream the way the TCP listener does; a stream must end.</summary>
    public static void Drain(IResponseStream stream, byte[] buffer)
    {
        using (stream)
        {
            for (int count = 0; count < MaxMessages; count++)
            {
                int length = stream.WriteNext(buffer);
                CheckLength(length, buffer.Length, "WriteNext");
                if (length == 0) { return; }
            }
        }
        throw new ContractException($"the response stream did not end after {MaxMessages} messages");
    }
}
