using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Tsig;

namespace Desec.Zone.Tests.Tsig;

/// <summary>RFC 8945 §5.3 and §5.2: signing answers and streams through the message writer, checked against the reference implementation.</summary>
public sealed class Rfc8945SignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Algorithms => new("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512");

    private static TsigKey Key(string algorithm = "hmac-sha256") => TsigTestSupport.NewKey("xfr-key.example.", TsigAlgorithm.FromMnemonic(algorithm)!);

    private static MessageHeader Header(byte[] message)
    {
        Assert.True(MessageHeader.TryRead(message, out var header));
        return header;
    }

    private static Rcode RcodeOf(byte[] message) => RcodeExtensions.Combine(Header(message).RcodeBits, 0);

    private static (byte[] Request, TsigContext Context) Verified(TsigKey key, TsigResult expected, TsigKey? signer = null,
        DateTimeOffset? signedAt = null)
    {
        var request = ReferenceTsig.SignRequest(TsigTestSupport.Query("example.", RRType.AXFR, id: 0x4321), signer ?? key, signedAt ?? Now);
        Assert.Equal(expected, TsigTestSupport.Verify(request, new TsigKeyring([key]), Now, out var context));
        return (request, context);
    }

    private static byte[] ErrorResponse(byte[] request, TsigContext context)
    {
        var buffer = new byte[512];
        return buffer[..TsigErrorResponse.Write(TsigTestSupport.Read(request), context, buffer, Now)];
    }

    /// <summary>§5.3 (§4.3.1): the answer's MAC covers the request MAC, the answer and the TSIG variables; the record is the last one.</summary>
    [Theory, MemberData(nameof(Algorithms))]
    public void Section5_3_answer_MAC_covers_request_MAC_answer_and_variables(string algorithm)
    {
        var key = Key(algorithm);
        var (request, context) = Verified(key, TsigResult.Ok);
        var unsigned = TsigTestSupport.Answer(request, 1);
        var response = TsigTestSupport.Answer(request, 1, context, Now);
        Assert.True(response.Length > unsigned.Length);
        Assert.True(response.Length - unsigned.Length <= context.MaxRecordLength);
        Assert.Equal(1, Header(response).AdditionalCount);
        var parsed = ReferenceTsig.Parse(response);
        Assert.Equal(unsigned, parsed.Unsigned);
        Assert.Equal(key.Name, parsed.KeyName);
        Assert.Equal(key.Algorithm.Name, parsed.Algorithm);
        Assert.Equal((ulong)Now.ToUnixTimeSeconds(), parsed.TimeSigned);
        Assert.Equal(300, parsed.Fudge);
        Assert.Equal(0x4321, parsed.OriginalId);
        Assert.Equal(0, parsed.Error);
        Assert.Empty(parsed.Other);
        Assert.Equal(ReferenceTsig.ExpectedMac(parsed, key, context.RequestMac, first: true), parsed.Mac);
        Assert.Equal(Rcode.NoError, RcodeOf(response));
    }

    /// <summary>§5.3.1: in a stream each message after the first is signed over the prior MAC, the message and the timers.</summary>
    [Theory, MemberData(nameof(Algorithms))]
    public void Section5_3_1_stream_messages_chain_to_the_prior_MAC(string algorithm)
    {
        var key = Key(algorithm);
        var (request, context) = Verified(key, TsigResult.Ok);
        byte[] prior = context.RequestMac;
        for (int i = 0; i < 3; i++)
        {
            var parsed = ReferenceTsig.Parse(TsigTestSupport.Answer(request, i + 1, context, Now.AddSeconds(i)));
            Assert.Equal(ReferenceTsig.ExpectedMac(parsed, key, prior, first: i == 0), parsed.Mac);
            Assert.Equal((ulong)Now.AddSeconds(i).ToUnixTimeSeconds(), parsed.TimeSigned);
            prior = parsed.Mac;
            Assert.Equal(prior, context.PriorMac.ToArray());
        }
    }

    /// <summary>§5.2.1, §5.3.2: BADKEY is answered NOTAUTH, unsigned (MAC size 0), naming the key as the request did.</summary>
    [Fact]
    public void Section5_3_2_BADKEY_answer_is_unsigned_and_names_the_key()
    {
        var key = Key();
        var stranger = new TsigKey(DnsName.Parse("Stranger.Example."), key.Algorithm, key.Secret);
        var (request, context) = Verified(key, TsigResult.BadKey, signer: stranger);
        var response = ErrorResponse(request, context);
        Assert.Equal(Rcode.NotAuth, RcodeOf(response));
        Assert.True(Header(response).IsResponse);
        Assert.Equal(1, Header(response).QuestionCount);
        var parsed = ReferenceTsig.Parse(response);
        Assert.Equal((ushort)TsigError.BadKey, parsed.Error);
        Assert.Empty(parsed.Mac);
        Assert.Equal("Stranger.Example.", parsed.KeyName.ToString());
        Assert.Equal(key.Algorithm.Name, parsed.Algorithm);
    }

    /// <summary>§5.2.2, §5.3.2: BADSIG is answered NOTAUTH, unsigned.</summary>
    [Fact]
    public void Section5_3_2_BADSIG_answer_is_unsigned()
    {
        var key = Key();
        var forger = new TsigKey(key.Name, key.Algorithm, [.. key.Secret, 7]);
        var (request, context) = Verified(key, TsigResult.BadSig, signer: forger);
        var response = ErrorResponse(request, context);
        Assert.Equal(Rcode.NotAuth, RcodeOf(response));
        var parsed = ReferenceTsig.Parse(response);
        Assert.Equal((ushort)TsigError.BadSig, parsed.Error);
        Assert.Empty(parsed.Mac);
    }

    /// <summary>§5.2.3: BADTIME is answered signed, Time Signed echoing the request's and Other Data holding our clock.</summary>
    [Fact]
    public void Section5_2_3_BADTIME_answer_is_signed_with_our_time_in_other_data()
    {
        var key = Key();
        var signedAt = Now.AddHours(-2);
        var (request, context) = Verified(key, TsigResult.BadTime, signedAt: signedAt);
        var response = ErrorResponse(request, context);
        Assert.Equal(Rcode.NotAuth, RcodeOf(response));
        var parsed = ReferenceTsig.Parse(response);
        Assert.Equal((ushort)TsigError.BadTime, parsed.Error);
        Assert.Equal((ulong)signedAt.ToUnixTimeSeconds(), parsed.TimeSigned);
        Assert.Equal(TsigRecord.BadTimeOtherLength, parsed.Other.Length);
        Assert.Equal((ulong)Now.ToUnixTimeSeconds(), TsigRecord.ReadUInt48(parsed.Other));
        Assert.Equal(ReferenceTsig.ExpectedMac(parsed, key, context.RequestMac, first: true), parsed.Mac);
    }

    /// <summary>§5.2.2.1: BADTRUNC is answered NOTAUTH and signed, over the (truncated) request MAC.</summary>
    [Fact]
    public void Section5_2_2_1_BADTRUNC_answer_is_signed()
    {
        var key = Key();
        var request = ReferenceTsig.SignRequest(TsigTestSupport.Query("example.", RRType.AXFR), key, Now, macLength: 16);
        Assert.Equal(TsigResult.BadTrunc, TsigTestSupport.Verify(request, new TsigKeyring([key]), Now, out var context));
        var response = ErrorResponse(request, context);
        Assert.Equal(Rcode.NotAuth, RcodeOf(response));
        var parsed = ReferenceTsig.Parse(response);
        Assert.Equal((ushort)TsigError.BadTrunc, parsed.Error);
        Assert.Equal(16, context.RequestMac.Length);
        Assert.Equal(ReferenceTsig.ExpectedMac(parsed, key, context.RequestMac, first: true), parsed.Mac);
    }

    /// <summary>A MAC length no one may send gets FORMERR and no TSIG (§5.2.2.1; there is nothing to sign with).</summary>
    [Fact]
    public void Malformed_TSIG_answer_is_FORMERR_without_TSIG()
    {
        var key = Key();
        var request = ReferenceTsig.SignRequest(TsigTestSupport.Query("example.", RRType.AXFR), key, Now, macLength: 4);
        Assert.Equal(TsigResult.FormErr, TsigTestSupport.Verify(request, new TsigKeyring([key]), Now, out var context));
        var response = ErrorResponse(request, context);
        Assert.Equal(Rcode.FormErr, RcodeOf(response));
        Assert.Equal(0, Header(response).AdditionalCount);
    }

    /// <summary>§5.3: the signature is the last thing written, in room the records leave free.</summary>
    [Fact]
    public void Records_leave_the_TSIG_room_free_and_the_signed_answer_fits_the_limit()
    {
        var key = Key();
        var (request, context) = Verified(key, TsigResult.Ok);
        var reader = TsigTestSupport.Read(request);
        int unsignedOneRecord = TsigTestSupport.Answer(request, 1).Length;
        int limit = unsignedOneRecord + context.MaxRecordLength - 1;
        var buffer = new byte[limit];
        var writer = new MessageWriter(buffer, new ushort[16], limit);
        writer.Start(reader.Header.Id, Opcode.Query, HeaderFlags.QR | HeaderFlags.AA);
        writer.ReserveTsig(context);
        Assert.True(writer.TryCopyQuestion(reader.Question.Wire));
        Assert.False(writer.TryAddRecord(MessageSection.Answer, reader.Question.Name, RRType.A, RRClass.IN, 60, [192, 0, 2, 1]));
        Assert.True(writer.Truncated);
        int length = writer.Finish(context, Now);
        Assert.True(length <= limit);
        Assert.True(Header(buffer[..length]).Has(HeaderFlags.TC));
        Assert.Equal(ReferenceTsig.ExpectedMac(ReferenceTsig.Parse(buffer[..length]), key, context.RequestMac, first: true),
            ReferenceTsig.Parse(buffer[..length]).Mac);
    }

    [Fact]
    public void Signing_without_reserved_room_throws()
    {
        var (request, context) = Verified(Key(), TsigResult.Ok);
        var reader = TsigTestSupport.Read(request);
        var writer = new MessageWriter(new byte[512], new ushort[16], 512);
        writer.Start(reader.Header.Id, Opcode.Query, HeaderFlags.QR);
        bool threw = false;
        try { writer.Finish(context, Now); } catch (InvalidOperationException) { threw = true; }
        Assert.True(threw);
    }

    /// <summary>The signed answer decodes with an independent reader (ARSoft) as a TSIG record.</summary>
    [Fact]
    public void Signed_answer_decodes_with_ARSoft()
    {
        var (request, context) = Verified(Key(), TsigResult.Ok);
        var message = ARSoft.Tools.Net.Dns.DnsMessage.Parse(TsigTestSupport.Answer(request, 1, context, Now));
        Assert.NotNull(message.TSigOptions);
        Assert.Equal("xfr-key.example.", message.TSigOptions.Name.ToString());
        Assert.Equal(32, message.TSigOptions.Mac.Length);
        Assert.Single(message.AnswerRecords);
    }
}
