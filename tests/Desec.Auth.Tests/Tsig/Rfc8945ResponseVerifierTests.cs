using Desec.Auth.Transfer;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Tsig;

namespace Desec.Auth.Tests.Tsig;

/// <summary>
/// RFC 8945 §5.4, the client side, as the NOTIFY sender uses it: the answer to a signed NOTIFY must
/// carry a TSIG with our key whose MAC covers our request MAC; anything else is not accepted.
/// </summary>
public sealed class Rfc8945ResponseVerifierTests
{
    private static readonly TsigKey Key = DnsTools.NewKey("xfr-key.", TsigAlgorithm.Default);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Our signed NOTIFY, then the secondary's answer signed as a server signs (verify the request, sign over its MAC).</summary>
    private static (byte[] Answer, byte[] RequestMac) Exchange(TsigKey serverKey, DateTimeOffset serverNow, bool sign = true)
    {
        var (request, requestMac) = NotifyMessage.Build(DnsName.Parse("example.com."), 0x1234, soa: null, Key, Now);
        var reader = TestQueries.Read(request);
        TsigVerifier.Verify(reader, new TsigKeyring([serverKey]), serverNow, out var context);
        using (context)
        {
            var answer = new byte[512];
            var writer = new MessageWriter(answer, new ushort[4], answer.Length);
            writer.Start(reader.Header.Id, Opcode.Notify, HeaderFlags.QR | HeaderFlags.AA);
            writer.ReserveTsig(context);
            writer.TryCopyQuestion(reader.Question.Wire);
            // A peer that cannot check the request answers with the TSIG error (unsigned for BADKEY and BADSIG, §5.3.2).
            bool signs = sign || context.Result is TsigResult.BadKey or TsigResult.BadSig;
            int length = signs ? writer.Finish(context, serverNow) : writer.Finish();
            return (answer[..length], requestMac);
        }
    }

    [Fact]
    public void A_signed_answer_over_our_request_MAC_verifies()
    {
        var (answer, mac) = Exchange(Key, Now);
        Assert.Equal(TsigResult.Ok, TsigVerifier.VerifyResponse(answer, Key, mac, Now, out var error));
        Assert.Equal(TsigError.NoError, error);
    }

    [Fact]
    public void An_unsigned_answer_is_not_accepted()
    {
        var (answer, mac) = Exchange(Key, Now, sign: false);
        Assert.Equal(TsigResult.NoTsig, TsigVerifier.VerifyResponse(answer, Key, mac, Now, out _));
    }

    [Fact]
    public void A_damaged_MAC_or_another_request_MAC_is_badsig()
    {
        var (answer, mac) = Exchange(Key, Now);
        var damaged = (byte[])answer.Clone();
        damaged[^10] ^= 1; // inside the MAC (Original ID, Error, Other Len follow it)
        Assert.Equal(TsigResult.BadSig, TsigVerifier.VerifyResponse(damaged, Key, mac, Now, out _));
        var otherMac = (byte[])mac.Clone();
        otherMac[0] ^= 1;
        Assert.Equal(TsigResult.BadSig, TsigVerifier.VerifyResponse(answer, Key, otherMac, Now, out _));
    }

    [Fact]
    public void A_peer_that_does_not_know_the_key_answers_badkey_unsigned()
    {
        var theirs = DnsTools.NewKey("xfr-key.", TsigAlgorithm.Default); // same name, other secret
        var (answer, mac) = Exchange(theirs, Now);
        Assert.Equal(TsigResult.BadSig, TsigVerifier.VerifyResponse(answer, Key, mac, Now, out var error));
        Assert.Equal(TsigError.BadSig, error);
        var (unknown, mac2) = Exchange(DnsTools.NewKey("not-ours.", TsigAlgorithm.Default), Now);
        // The BADKEY answer names our key (echoed) but carries no MAC (§5.3.2): not verified, and the peer's error is kept.
        Assert.Equal(TsigResult.BadSig, TsigVerifier.VerifyResponse(unknown, Key, mac2, Now, out error));
        Assert.Equal(TsigError.BadKey, error);
    }

    [Fact]
    public void A_stale_answer_is_badtime()
    {
        var (answer, mac) = Exchange(Key, Now);
        Assert.Equal(TsigResult.BadTime, TsigVerifier.VerifyResponse(answer, Key, mac, Now.AddHours(1), out _));
    }
}
