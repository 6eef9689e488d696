using System.Buffers.Binary;
using Desec.Auth.Tsig;
using Desec.Zone.Names;

namespace Desec.Auth.Tests.Tsig;

/// <summary>RFC 8945 §5.3 and §5.4: signing answers and streams, checked against the reference implementation.</summary>
public sealed class Rfc8945SignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Algorithms => new("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512");

    private static TsigKey Key(string algorithm = "hmac-sha256") => DnsTools.NewKey("xfr-key.example.", TsigAlgorithm.FromMnemonic(algorithm)!);

    private static int Rcode(byte[] message) => message[3] & 0x0F;

    private static (byte[] Request, TsigContext Context) Verified(TsigKey key, TsigResult expected, TsigKey? signer = null,
        DateTimeOffset? signedAt = null)
    {
        var request = ReferenceTsig.SignRequest(TestQueries.Query("example.", 252, id: 0x4321), signer ?? key, signedAt ?? Now);
        Assert.Equal(expected, TsigVerifier.Verify(request, new TsigKeyring([key]), Now, out var context));
        return (request, context);
    }

    /// <summary>One answer message built from the request, with <paramref name="answers"/> copies of an A record.</summary>
    private static (byte[] Buffer, int Length) Answer(byte[] request, int answers)
    {
        var buffer = new byte[4096];
        byte[][] records = Enumerable.Range(0, answers).Select(_ => (byte[])[0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]).ToArray();
        return (buffer, TsigTestServer.WriteMessage(request, buffer, records));
    }

    /// <summary>§5.3 (§4.3.1): the answer's MAC covers the request MAC, the answer and the TSIG variables.</summary>
    [Theory, MemberData(nameof(Algorithms))]
    public void Section5_3_answer_MAC_covers_request_MAC_answer_and_variables(string algorithm)
    {
        var key = Key(algorithm);
        var (request, context) = Verified(key, TsigResult.Ok);
        var (buffer, length) = Answer(request, 1);
        var unsigned = buffer[..length];
        int signedLength = context.Sign(buffer, length, Now);
        Assert.True(signedLength > length);
        Assert.True(signedLength - length <= context.MaxRecordLength);
        var response = buffer[..signedLength];
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(10)));
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
        Assert.Equal(0, Rcode(response));
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
            var (buffer, length) = Answer(request, i + 1);
            int signedLength = context.SignNext(buffer, length, first: i == 0, Now.AddSeconds(i));
            var parsed = ReferenceTsig.Parse(buffer[..signedLength]);
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
        var buffer = new byte[512];
        int length = TsigSigner.WriteErrorResponse(request, context, buffer, Now);
        var response = buffer[..length];
        Assert.Equal(9, Rcode(response)); // NOTAUTH
        Assert.True((response[2] & 0x80) != 0);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(4)));
        var parsed = ReferenceTsig.Parse(response);
        Assert.Equal(17, parsed.Error);
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
        var buffer = new byte[512];
        var response = buffer[..TsigSigner.WriteErrorResponse(request, context, buffer, Now)];
        Assert.Equal(9, Rcode(response));
        var parsed = ReferenceTsig.Parse(response);
        Assert.Equal(16, parsed.Error);
        Assert.Empty(parsed.Mac);
    }

    /// <summary>§5.2.3: BADTIME is answered signed, Time Signed echoing the request's and Other Data holding our clock.</summary>
    [Fact]
    public void Section5_2_3_BADTIME_answer_is_signed_with_our_time_in_other_data()
    {
        var key = Key();
        var signedAt = Now.AddHours(-2);
        var (request, context) = Verified(key, TsigResult.BadTime, signedAt: signedAt);
        var buffer = new byte[512];
        var response = buffer[..TsigSigner.WriteErrorResponse(request, context, buffer, Now)];
        Assert.Equal(9, Rcode(response));
        var parsed = ReferenceTsig.Parse(response);
        Assert.Equal(18, parsed.Error);
        Assert.Equal((ulong)signedAt.ToUnixTimeSeconds(), parsed.TimeSigned);
        Assert.Equal(6, parsed.Other.Length);
        ulong other = ((ulong)BinaryPrimitives.ReadUInt16BigEndian(parsed.Other) << 32) | BinaryPrimitives.ReadUInt32BigEndian(parsed.Other.AsSpan(2));
        Assert.Equal((ulong)Now.ToUnixTimeSeconds(), other);
        Assert.Equal(ReferenceTsig.ExpectedMac(parsed, key, context.RequestMac, first: true), parsed.Mac);
    }

    /// <summary>§5.2.2.1: BADTRUNC is answered NOTAUTH and signed, over the (truncated) request MAC.</summary>
    [Fact]
    public void Section5_2_2_1_BADTRUNC_answer_is_signed()
    {
        var key = Key();
        var request = ReferenceTsig.SignRequest(TestQueries.Query("example.", 252), key, Now, macLength: 16);
        Assert.Equal(TsigResult.BadTrunc, TsigVerifier.Verify(request, new TsigKeyring([key]), Now, out var context));
        var buffer = new byte[512];
        var response = buffer[..TsigSigner.WriteErrorResponse(request, context, buffer, Now)];
        Assert.Equal(9, Rcode(response));
        var parsed = ReferenceTsig.Parse(response);
        Assert.Equal(22, parsed.Error);
        Assert.Equal(16, context.RequestMac.Length);
        Assert.Equal(ReferenceTsig.ExpectedMac(parsed, key, context.RequestMac, first: true), parsed.Mac);
    }

    /// <summary>A malformed TSIG gets FORMERR and no TSIG (§5.2.2.1; there is nothing to sign with).</summary>
    [Fact]
    public void Malformed_TSIG_answer_is_FORMERR_without_TSIG()
    {
        var key = Key();
        var request = ReferenceTsig.SignRequest(TestQueries.Query("example.", 252), key, Now, macLength: 4);
        Assert.Equal(TsigResult.FormErr, TsigVerifier.Verify(request, new TsigKeyring([key]), Now, out var context));
        var buffer = new byte[512];
        var response = buffer[..TsigSigner.WriteErrorResponse(request, context, buffer, Now)];
        Assert.Equal(1, Rcode(response));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(10)));
    }

    [Fact]
    public void No_room_for_the_TSIG_gives_minus_one_and_leaves_the_message()
    {
        var key = Key();
        var (request, context) = Verified(key, TsigResult.Ok);
        var (buffer, length) = Answer(request, 1);
        var small = buffer[..(length + context.MaxRecordLength - 7)];
        var before = small.ToArray();
        Assert.Equal(-1, context.Sign(small, length, Now));
        Assert.Equal(before, small);
    }

    /// <summary>The signed answer decodes with an independent reader (ARSoft) as a TSIG record.</summary>
    [Fact]
    public void Signed_answer_decodes_with_ARSoft()
    {
        var key = Key();
        var (request, context) = Verified(key, TsigResult.Ok);
        var (buffer, length) = Answer(request, 1);
        var response = buffer[..context.Sign(buffer, length, Now)];
        var message = ARSoft.Tools.Net.Dns.DnsMessage.Parse(response);
        Assert.NotNull(message.TSigOptions);
        Assert.Equal("xfr-key.example.", message.TSigOptions.Name.ToString());
        Assert.Equal(32, message.TSigOptions.Mac.Length);
        Assert.Single(message.AnswerRecords);
    }
}
