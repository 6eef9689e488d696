using Desec.Zone.Tsig;

namespace Desec.Zone.Messages;

/// <summary>
/// A query as a client sends it (RFC 1035 §4.1): one question, an OPT record when given
/// (RFC 6891 §6.1.1), signed last when given a TSIG context (RFC 8945 §4.3.2). For tools, tests
/// and benchmarks that ask a server; the server's own requests (NOTIFY) use <see cref="MessageWriter"/>
/// the same way.
/// </summary>
public static class QueryMessage
{
    /// <summary>Writes the query into <paramref name="buffer"/> and returns its length.</summary>
    /// <param name="opt">The OPT record; ignored unless <paramref name="edns"/>.</param>
    /// <param name="tsig">Signs the query (<see cref="TsigContext.ForRequest"/>) at <paramref name="now"/>; null sends it unsigned.</param>
    public static int Write(Span<byte> buffer, ushort id, Opcode opcode, HeaderFlags flags, ReadOnlySpan<byte> name, ushort type, ushort @class,
        bool edns, scoped in OptRecord opt, TsigContext? tsig = null, DateTimeOffset now = default)
    {
        var writer = new MessageWriter(buffer, stackalloc ushort[4], buffer.Length);
        writer.Start(id, opcode, flags);
        if (edns) { writer.Reserve(opt.Length); }
        if (tsig is not null) { writer.ReserveTsig(tsig); }
        if (!writer.TryWriteQuestion(name, type, @class)) { throw new ArgumentException("the question does not fit in the buffer", nameof(buffer)); }
        if (edns && !writer.TryWriteOpt(opt)) { throw new ArgumentException("the OPT record does not fit in the buffer", nameof(buffer)); }
        return tsig is null ? writer.Finish() : writer.Finish(tsig, now);
    }

    /// <summary>The query as a new array (tests, tools).</summary>
    public static byte[] Create(ushort id, Opcode opcode, HeaderFlags flags, ReadOnlySpan<byte> name, ushort type, ushort @class,
        bool edns, scoped in OptRecord opt, TsigContext? tsig = null, DateTimeOffset now = default)
    {
        var buffer = new byte[MessageHeader.Length + name.Length + 4 + (edns ? opt.Length : 0) + (tsig?.MaxRecordLength ?? 0)];
        return buffer[..Write(buffer, id, opcode, flags, name, type, @class, edns, opt, tsig, now)];
    }
}
