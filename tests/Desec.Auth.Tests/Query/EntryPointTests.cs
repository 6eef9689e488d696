using Desec.Auth.Query;
using Desec.Auth.Transport;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Tsig;
using static Desec.Auth.Tests.TestQueries;

namespace Desec.Auth.Tests.Query;

/// <summary>
/// The one entry point: every request is read once, its TSIG checked once (RFC 8945 §5.2), and
/// routed by opcode (RFC 1035 §4.1.1, RFC 6895 §2.2): QUERY answered, NOTIFY refused (this server
/// is the primary, RFC 1996), UPDATE not implemented yet (RFC 2136 §3), unknown opcodes NOTIMP.
/// </summary>
public class EntryPointTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly Desec.Auth.Zones.ZoneStore _store = ExampleZones.Store();
    private static readonly TsigKey Key = new(DnsName.Parse("xfr-key."), TsigAlgorithm.Default, new byte[32]);

    private QueryHandler Handler() => new(new Answerer(_store), new AnswerOptions(), keyring: new TsigKeyring([Key]));

    /// <summary>www.example.com A signed by <paramref name="client"/> at <paramref name="signedAt"/>, with an OPT record when <paramref name="edns"/>.</summary>
    private static byte[] Signed(TsigContext client, DateTimeOffset signedAt, bool edns = false) =>
        QueryMessage.Create(0x8945, Opcode.Query, HeaderFlags.None, DnsName.Parse("www.example.com.").Wire, RRType.A, RRClass.IN,
            edns, new Desec.Zone.Messages.OptRecord { UdpPayloadSize = 1232 }, client, signedAt);

    [Theory]
    [InlineData(Opcode.Update, Rcode.NotImp)]
    [InlineData(Opcode.Notify, Rcode.Refused)]
    [InlineData(Opcode.Status, Rcode.NotImp)]
    [InlineData(Opcode.Dso, Rcode.NotImp)]
    public void Rfc1035_4_1_1_each_opcode_is_routed_and_echoed(Opcode opcode, Rcode expected)
    {
        var response = Answer(Handler(), TestQueries.Query("example.com", RRType.SOA, udpSize: 1232, opcode: opcode));
        var header = Header(response);
        Assert.Equal(opcode, header.Opcode);
        Assert.True(header.IsResponse);
        Assert.Equal(expected, ResponseCode(response));
        Assert.Equal(1, header.QuestionCount);
        Assert.Equal(0, header.AnswerCount);
        Assert.True(Read(response).Edns.Present); // RFC 6891 §7: the request had an OPT record
    }

    [Fact]
    public void Rfc1035_4_1_1_a_response_is_not_answered()
    {
        var reply = Handler().Handle(new Request(TestQueries.Query("example.com", RRType.SOA, flags: HeaderFlags.QR), TransportKind.Udp, Peer), new byte[512]);
        Assert.Equal(0, reply.Length);
        Assert.Null(reply.Stream);
    }

    [Fact]
    public void Rfc6891_6_1_3_badvers_carries_its_upper_bits_in_the_opt_record()
    {
        var response = Answer(Handler(), TestQueries.Query("www.example.com", RRType.A, udpSize: 1232, ednsVersion: 1));
        Assert.Equal(Rcode.BadVers, ResponseCode(response));
        Assert.Equal(0, Header(response).RcodeBits);
        Assert.Equal(0, Read(response).Edns.Version);
    }

    [Theory]
    [InlineData(TransportKind.Udp)]
    [InlineData(TransportKind.Tcp)]
    public void Rfc8945_5_3_a_signed_query_gets_a_signed_answer_that_verifies(TransportKind transport)
    {
        using var client = TsigContext.ForRequest(Key);
        var response = Answer(Handler(), Signed(client, Now, edns: true), transport);
        Assert.Equal(Rcode.NoError, ResponseCode(response));
        Assert.Equal(2, Header(response).AnswerCount);
        Assert.Equal(TsigResult.Ok, TsigVerifier.VerifyResponse(response, Key, client.PriorMac, Now, out var error));
        Assert.Equal(TsigError.NoError, error);
        // The TSIG is the last record, after the OPT record (RFC 8945 §5.1).
        var reader = Read(response);
        Assert.True(reader.Edns.Present);
        Assert.True(reader.Tsig.Present);
    }

    [Fact]
    public void Rfc8945_5_2_1_an_unknown_key_is_notauth_badkey_unsigned()
    {
        var stranger = new TsigKey(DnsName.Parse("stranger."), TsigAlgorithm.Default, new byte[32]);
        using var client = TsigContext.ForRequest(stranger);
        var response = Answer(Handler(), Signed(client, Now));
        Assert.Equal(Rcode.NotAuth, ResponseCode(response));
        Assert.Equal(0, Header(response).AnswerCount);
        var tsig = Read(response).Tsig;
        Assert.Equal(TsigError.BadKey, tsig.Error);
        Assert.True(tsig.Mac.IsEmpty);
    }

    [Fact]
    public void Rfc8945_5_2_a_server_without_keys_answers_every_signed_request_badkey()
    {
        using var client = TsigContext.ForRequest(Key);
        var response = Answer(new QueryHandler(new Answerer(_store), new AnswerOptions()), Signed(client, Now));
        Assert.Equal(Rcode.NotAuth, ResponseCode(response));
        Assert.Equal(TsigError.BadKey, Read(response).Tsig.Error);
    }

    [Fact]
    public void Rfc8945_5_2_3_a_stale_signature_is_badtime_and_signed()
    {
        using var client = TsigContext.ForRequest(Key);
        var response = Answer(Handler(), Signed(client, Now.AddHours(-1)));
        Assert.Equal(Rcode.NotAuth, ResponseCode(response));
        Assert.Equal(TsigError.BadTime, Read(response).Tsig.Error);
        Assert.False(Read(response).Tsig.Mac.IsEmpty);
    }
}
