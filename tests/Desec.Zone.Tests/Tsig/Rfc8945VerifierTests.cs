using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Tsig;

namespace Desec.Zone.Tests.Tsig;

/// <summary>RFC 8945 §5.1 and §5.2: checking a request's TSIG, against requests signed by the reference implementation.</summary>
public sealed class Rfc8945VerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Algorithms => new("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512");

    private static TsigKey Key(string algorithm = "hmac-sha256", string name = "xfr-key.example.") =>
        TsigTestSupport.NewKey(name, TsigAlgorithm.FromMnemonic(algorithm)!);

    private static byte[] Query(ushort id = 0x1234) => TsigTestSupport.Query("example.", 252, id: id, udpSize: 1232);

    private static TsigResult Verify(byte[] message, TsigKey key, DateTimeOffset now, out TsigContext context, bool allowTruncatedMac = false) =>
        TsigTestSupport.Verify(message, new TsigKeyring([key]), now, out context, allowTruncatedMac);

    /// <summary>The message with other section counts in its header (to misplace records).</summary>
    private static byte[] WithCounts(byte[] message, ushort answers, ushort additional)
    {
        var copy = (byte[])message.Clone();
        Assert.True(MessageHeader.TryRead(copy, out var header));
        (header with { AnswerCount = answers, AdditionalCount = additional }).WriteTo(copy);
        return copy;
    }

    /// <summary>§4.3.2 and §5.2: a request signed by the reference implementation verifies, for every algorithm.</summary>
    [Theory, MemberData(nameof(Algorithms))]
    public void Section4_3_2_reference_signed_request_verifies(string algorithm)
    {
        var key = Key(algorithm);
        var signed = ReferenceTsig.SignRequest(Query(), key, Now);
        Assert.Equal(TsigResult.Ok, Verify(signed, key, Now, out var context));
        Assert.Same(key, context.Key);
        Assert.Equal(ReferenceTsig.Parse(signed).Mac, context.RequestMac);
        Assert.Equal(Query().Length, context.RequestLengthWithoutTsig);
    }

    /// <summary>Our own request signing agrees with the reference implementation.</summary>
    [Theory, MemberData(nameof(Algorithms))]
    public void Section4_3_2_our_request_signature_equals_the_reference(string algorithm)
    {
        var key = Key(algorithm);
        var query = Query();
        using var client = TsigContext.ForRequest(key);
        var signed = QueryMessage.Create(0x1234, Opcode.Query, HeaderFlags.RD, DnsName.Parse("example.").Wire, RRType.AXFR, RRClass.IN,
            edns: true, new OptRecord { UdpPayloadSize = 1232 }, client, Now);
        Assert.Equal(ReferenceTsig.SignRequest(query, key, Now), signed);
        Assert.Equal(TsigResult.Ok, Verify(signed, key, Now, out _));
        Assert.Equal(ReferenceTsig.Parse(signed).Mac, client.PriorMac.ToArray());
    }

    /// <summary>Key names compare ignoring case (RFC 4343); the MAC covers the lower-cased name (§4.3.3).</summary>
    [Fact]
    public void Section4_3_3_key_name_matches_ignoring_case()
    {
        var ours = Key(name: "xfr-key.example.");
        var theirs = new TsigKey(DnsName.Parse("XFR-Key.EXAMPLE."), ours.Algorithm, ours.Secret);
        var signed = ReferenceTsig.SignRequest(Query(), theirs, Now);
        Assert.Equal(TsigResult.Ok, Verify(signed, ours, Now, out _));
    }

    /// <summary>§4.3.2: the MAC covers the Original ID, so a request whose ID was rewritten on the way still verifies.</summary>
    [Fact]
    public void Section4_3_2_rewritten_message_id_still_verifies()
    {
        var key = Key();
        var signed = ReferenceTsig.SignRequest(Query(0x1234), key, Now);
        Assert.True(MessageHeader.TryRead(signed, out var header));
        (header with { Id = 0x9999 }).WriteTo(signed);
        Assert.Equal(TsigResult.Ok, Verify(signed, key, Now, out _));
    }

    /// <summary>A compressed key name (the TSIG owner pointing into the question) is read like any name.</summary>
    [Fact]
    public void Compressed_key_name_verifies()
    {
        var key = Key();
        var query = TsigTestSupport.Query("xfr-key.example.", 1);
        var signed = ReferenceTsig.SignRequest(query, key, Now);
        var compressed = (byte[])[.. signed[..query.Length], 0xC0, 12, .. signed[(query.Length + key.Name.Length)..]];
        Assert.Equal(TsigResult.Ok, Verify(compressed, key, Now, out var context));
        Assert.Equal(query.Length, context.RequestLengthWithoutTsig);
    }

    /// <summary>The message reader reads a signed request as received, EDNS included, and finds the TSIG last (§5.1).</summary>
    [Fact]
    public void Signed_request_reads_with_the_message_reader()
    {
        var unsigned = TsigTestSupport.Query("example.", 1, udpSize: 1232, dnssecOk: true);
        var signed = ReferenceTsig.SignRequest(unsigned, Key(), Now);
        var reader = TsigTestSupport.Read(signed);
        Assert.True(reader.Edns.Present);
        Assert.True(reader.Edns.DnssecOk);
        Assert.Equal(unsigned.Length, reader.Tsig.Start);
    }

    [Fact]
    public void No_TSIG_is_NoTsig_and_signs_nothing()
    {
        var query = Query();
        Assert.Equal(TsigResult.NoTsig, Verify(query, Key(), Now, out var context));
        Assert.False(context.SignsResponse);
        Assert.Equal(0, context.MaxRecordLength);
        Assert.Equal(TsigTestSupport.Answer(query, 1), TsigTestSupport.Answer(query, 1, context, Now));
        Assert.Equal(TsigResult.NoTsig, Verify(TsigTestSupport.Query("example.", 1), Key(), Now, out _));
    }

    /// <summary>§5.1: the TSIG must be the last record of the additional section.</summary>
    [Fact]
    public void Section5_1_TSIG_not_last_is_FORMERR()
    {
        var key = Key();
        var signed = ReferenceTsig.SignRequest(TsigTestSupport.Query("example.", 1), key, Now);
        byte[] extra = [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 192, 0, 2, 1]; // . A 192.0.2.1 after the TSIG
        var moved = WithCounts([.. signed, .. extra], answers: 0, additional: 2);
        Assert.Equal(TsigResult.FormErr, Verify(moved, key, Now, out var context));
        Assert.False(context.SignsResponse);
    }

    /// <summary>§5.1: a TSIG in the answer section is misplaced.</summary>
    [Fact]
    public void Section5_1_TSIG_in_the_answer_section_is_FORMERR()
    {
        var key = Key();
        var signed = ReferenceTsig.SignRequest(TsigTestSupport.Query("example.", 1), key, Now);
        Assert.Equal(TsigResult.FormErr, Verify(WithCounts(signed, answers: 1, additional: 0), key, Now, out _));
    }

    [Fact]
    public void Malformed_TSIG_rdata_or_message_is_FORMERR()
    {
        var key = Key();
        var signed = ReferenceTsig.SignRequest(Query(), key, Now);
        Assert.Equal(TsigResult.FormErr, Verify(signed[..^1], key, Now, out _));
        Assert.Equal(TsigResult.FormErr, Verify([.. signed, 0], key, Now, out _));
        Assert.Equal(TsigResult.FormErr, Verify(signed[..11], key, Now, out _));
    }

    /// <summary>§5.2.1: unknown key, or a known key with another algorithm: BADKEY.</summary>
    [Fact]
    public void Section5_2_1_unknown_key_or_algorithm_is_BADKEY()
    {
        var key = Key();
        var otherName = new TsigKey(DnsName.Parse("unknown.example."), key.Algorithm, key.Secret);
        Assert.Equal(TsigResult.BadKey, Verify(ReferenceTsig.SignRequest(Query(), otherName, Now), key, Now, out var context));
        Assert.Null(context.Key);
        var otherAlgorithm = new TsigKey(key.Name, TsigAlgorithm.HmacSha384, key.Secret);
        Assert.Equal(TsigResult.BadKey, Verify(ReferenceTsig.SignRequest(Query(), otherAlgorithm, Now), key, Now, out _));
    }

    /// <summary>§5.2.2: any change to the signed message, or another secret: BADSIG.</summary>
    [Fact]
    public void Section5_2_2_tampered_message_or_wrong_secret_is_BADSIG()
    {
        var key = Key();
        var signed = ReferenceTsig.SignRequest(Query(), key, Now);
        var tampered = (byte[])signed.Clone();
        tampered[14] ^= 0x20; // a letter of the question name
        Assert.Equal(TsigResult.BadSig, Verify(tampered, key, Now, out _));
        var wrongSecret = new TsigKey(key.Name, key.Algorithm, [.. key.Secret[..^1], (byte)(key.Secret[^1] ^ 1)]);
        Assert.Equal(TsigResult.BadSig, Verify(ReferenceTsig.SignRequest(Query(), wrongSecret, Now), key, Now, out _));
    }

    /// <summary>§5.2.2.1: a MAC longer than the hash or shorter than max(10, half the hash) is FORMERR.</summary>
    [Theory]
    [InlineData("hmac-sha256", 15)]
    [InlineData("hmac-sha256", 33)]
    [InlineData("hmac-sha1", 9)]
    [InlineData("hmac-sha512", 31)]
    public void Section5_2_2_1_MAC_size_out_of_bounds_is_FORMERR(string algorithm, int macLength)
    {
        var key = Key(algorithm);
        Assert.Equal(TsigResult.FormErr,
            Verify(ReferenceTsig.SignRequest(Query(), key, Now, macLength: macLength), key, Now, out _, allowTruncatedMac: true));
    }

    /// <summary>§5.2.2.1: a truncated but correct MAC is BADTRUNC unless local policy accepts truncation.</summary>
    [Theory]
    [InlineData("hmac-sha256", 16)]
    [InlineData("hmac-sha1", 10)]
    [InlineData("hmac-sha384", 24)]
    [InlineData("hmac-sha512", 40)]
    public void Section5_2_2_1_truncated_MAC_is_BADTRUNC_unless_allowed(string algorithm, int macLength)
    {
        var key = Key(algorithm);
        var signed = ReferenceTsig.SignRequest(Query(), key, Now, macLength: macLength);
        Assert.Equal(TsigResult.BadTrunc, Verify(signed, key, Now, out var context));
        Assert.True(context.SignsResponse);
        Assert.Equal(TsigResult.Ok, Verify(signed, key, Now, out _, allowTruncatedMac: true));
        signed[^7] ^= 1; // last MAC octet: a wrong truncated MAC is BADSIG either way
        Assert.Equal(TsigResult.BadSig, Verify(signed, key, Now, out _, allowTruncatedMac: true));
    }

    /// <summary>§5.2.3: the time signed must be within the request's fudge of our clock, either way.</summary>
    [Theory]
    [InlineData(-300, TsigResult.Ok)]
    [InlineData(300, TsigResult.Ok)]
    [InlineData(-301, TsigResult.BadTime)]
    [InlineData(301, TsigResult.BadTime)]
    [InlineData(-86400, TsigResult.BadTime)]
    public void Section5_2_3_time_outside_fudge_is_BADTIME(int skewSeconds, TsigResult expected)
    {
        var key = Key();
        var signed = ReferenceTsig.SignRequest(Query(), key, Now.AddSeconds(skewSeconds));
        Assert.Equal(expected, Verify(signed, key, Now, out _));
    }

    /// <summary>§5.2.3: the fudge that counts is the request's.</summary>
    [Fact]
    public void Section5_2_3_request_fudge_is_used()
    {
        var key = Key();
        Assert.Equal(TsigResult.BadTime, Verify(ReferenceTsig.SignRequest(Query(), key, Now.AddSeconds(-20), fudge: 10), key, Now, out _));
        Assert.Equal(TsigResult.Ok, Verify(ReferenceTsig.SignRequest(Query(), key, Now.AddSeconds(-900), fudge: 1000), key, Now, out _));
    }

    /// <summary>§5.2: a bad MAC is reported before a bad time (the time of a forged request tells nothing).</summary>
    [Fact]
    public void Section5_2_MAC_is_checked_before_time()
    {
        var key = Key();
        var wrongSecret = new TsigKey(key.Name, key.Algorithm, [.. key.Secret, 1]);
        Assert.Equal(TsigResult.BadSig, Verify(ReferenceTsig.SignRequest(Query(), wrongSecret, Now.AddHours(-1)), key, Now, out _));
    }

    /// <summary>
    /// Every truncation and every single-octet change of a signed request gives a result, never an
    /// exception; a TSIG error gets its error answer (a malformed message is the handler's FORMERR).
    /// </summary>
    [Fact]
    public void Damaged_requests_never_throw()
    {
        var key = Key();
        var keyring = new TsigKeyring([key]);
        var signed = ReferenceTsig.SignRequest(Query(), key, Now);
        for (int length = 0; length < signed.Length; length++)
        {
            Assert.NotEqual(TsigResult.Ok, TsigTestSupport.Verify(signed[..length], keyring, Now, out _));
        }
        var random = new Random(8945);
        for (int i = 0; i < signed.Length; i++)
        {
            foreach (byte value in new byte[] { 0, 0xFF, 0xC0, (byte)random.Next(256) })
            {
                var damaged = (byte[])signed.Clone();
                damaged[i] = value;
                var result = TsigTestSupport.Verify(damaged, keyring, Now, out var context);
                if (result is TsigResult.Ok or TsigResult.NoTsig or TsigResult.FormErr) { continue; }
                var buffer = new byte[1024];
                Assert.NotEqual(0, TsigErrorResponse.Write(TsigTestSupport.Read(damaged), context, buffer, Now));
            }
        }
    }
}
