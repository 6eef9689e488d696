using System.Buffers.Binary;
using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Signer.Tests.Rfc8901;

/// <summary>
/// RFC 8901 §8 (multi-signer key sets), RFC 8078 §4 (delete records), RFC 7477 (CSYNC), and the
/// checks on provisioned DNSKEY/CDS/CDNSKEY that refuse a zone with a reason.
/// </summary>
public class MultiSignerMergeTests
{
    private const string OtherKsk = "257 3 13 hCRbNYNQ/K1bFoKqC8bzfyi0bAzSCYv1R+STNaViIhVzKKpu+5QTwcimVkycKvDsTK+1ojrOp2hv73/GGLprVg==";
    private const string OtherZsk = "256 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==";

    private static readonly DnsName Origin = DnsName.Parse("example.com.");
    private static readonly DnssecKey Own = KeyGenerator.Generate(Origin, DnssecAlgorithm.Default, DnskeyRdata.KskFlags);

    private static SigningResult Sign(string extra, SigningPolicy? policy = null)
    {
        string text = $"""
            $TTL 300
            @ SOA ns1 hostmaster 5 7200 3600 1209600 60
            @ NS ns1
            @ NS ns.other.net.
            ns1 A 192.0.2.1
            www A 192.0.2.2
            {extra}
            """;
        var parsed = ZoneFileParser.ParseText(text, "test", Origin);
        Assert.True(parsed.Success, string.Join("\n", parsed.Errors.Select(e => e.Message)));
        var zone = ZoneBuilder.Build(Origin, parsed.Records).Zone!;
        return ZoneSigner.Sign(zone, [Own], policy ?? new SigningPolicy(), 42, DateTimeOffset.UtcNow);
    }

    private static List<string> Set(SigningResult result, ushort type) =>
        result.Zone!.Zone.Apex.Find(type)?.Rdatas.Select(r => RdataCodecs.Format(type, r)).Order().ToList() ?? [];

    private static string Text(ushort type, ReadOnlySpan<byte> rdata) => RdataCodecs.Format(type, rdata);

    [Fact]
    public void Without_provisioned_records_the_sets_hold_only_our_key()
    {
        var result = Sign("");
        Assert.True(result.Success);
        Assert.Equal([Text(RRType.DNSKEY, Own.DnskeyRdata)], Set(result, RRType.DNSKEY));
        Assert.Equal([Text(RRType.DNSKEY, Own.DnskeyRdata)], Set(result, RRType.CDNSKEY));
        Assert.Equal([Text(RRType.DS, Own.DsRdata())], Set(result, RRType.CDS));
    }

    [Fact]
    public void Provisioned_keys_are_merged_with_ours_in_one_rrset_with_one_ttl()
    {
        var result = Sign($"@ 86400 DNSKEY {OtherKsk}\n@ 60 DNSKEY {OtherZsk}");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        var dnskey = result.Zone!.Zone.Apex.Find(RRType.DNSKEY)!;
        Assert.Equal(3, dnskey.Count);
        Assert.Equal(3600u, dnskey.Ttl);
        // The other signer's SEP key gets its CDS and CDNSKEY too; its ZSK does not.
        Assert.Equal(2, Set(result, RRType.CDNSKEY).Count);
        Assert.Equal(2, Set(result, RRType.CDS).Count);
        Assert.DoesNotContain(Set(result, RRType.CDNSKEY), k => k.StartsWith("256 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Provisioning_our_own_key_does_not_duplicate_it()
    {
        var result = Sign($"@ DNSKEY {Text(RRType.DNSKEY, Own.DnskeyRdata)}");
        Assert.Single(Set(result, RRType.DNSKEY));
    }

    [Fact]
    public void Cds_for_provisioned_sep_keys_can_be_turned_off()
    {
        var result = Sign($"@ DNSKEY {OtherKsk}", new SigningPolicy { PublishProvisionedSepCds = false });
        Assert.Equal(2, Set(result, RRType.DNSKEY).Count);
        Assert.Single(Set(result, RRType.CDS));
    }

    [Fact]
    public void Provisioned_cds_and_cdnskey_join_ours()
    {
        var result = Sign("@ CDS 12345 13 2 D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A");
        Assert.Equal(2, Set(result, RRType.CDS).Count);
    }

    [Fact]
    public void Delete_records_replace_the_cds_and_cdnskey_sets_rfc8078_section_4()
    {
        var result = Sign("@ CDS 0 0 0 00\n@ CDNSKEY 0 3 0 AA==");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(["0 0 0 00"], Set(result, RRType.CDS));
        Assert.Equal(["0 3 0 AA=="], Set(result, RRType.CDNSKEY));
        Assert.Single(Set(result, RRType.DNSKEY)); // our key is still published and signs
    }

    [Theory]
    [InlineData("@ DNSKEY 255 3 13 hCRbNYNQ/K1bFoKqC8bzfyi0bAzSCYv1R+STNaViIhVzKKpu+5QTwcimVkycKvDsTK+1ojrOp2hv73/GGLprVg==", "flags 255")]
    [InlineData("@ DNSKEY 257 2 13 hCRbNYNQ/K1bFoKqC8bzfyi0bAzSCYv1R+STNaViIhVzKKpu+5QTwcimVkycKvDsTK+1ojrOp2hv73/GGLprVg==", "protocol 2")]
    [InlineData("@ DNSKEY 257 3 99 hCRbNYNQ/K1bFoKqC8bzfyi0bAzSCYv1R+STNaViIhVzKKpu+5QTwcimVkycKvDsTK+1ojrOp2hv73/GGLprVg==", "algorithm 99")]
    [InlineData("@ DNSKEY 257 3 13 hCRbNYNQ/K1bFoKqC8bzfyi0bAzSCYv1R+STNaViIhVzKKpu", "public key of 36 octets")]
    [InlineData("@ CDNSKEY 257 3 15 AAAA", "public key of 3 octets")]
    // GOST (3): the zone-file parser already refuses SHA digests of the wrong length, as BIND does.
    [InlineData("@ CDS 12345 13 3 D4B7D520E7BB5F0F", "digest of 8 octets")]
    [InlineData("@ CDS 12345 13 9 D4B7D520E7BB5F0F", "digest type 9")]
    [InlineData("www DNSKEY 257 3 13 hCRbNYNQ/K1bFoKqC8bzfyi0bAzSCYv1R+STNaViIhVzKKpu+5QTwcimVkycKvDsTK+1ojrOp2hv73/GGLprVg==", "only allowed at the apex")]
    [InlineData("www CDS 12345 13 2 D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A", "only allowed at the apex")]
    public void A_bad_provisioned_record_refuses_the_zone_naming_it(string record, string reason)
    {
        var result = Sign(record);
        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Contains(reason, error.ToString());
        // The record is named by owner, type and RDATA (the in-memory zone keeps no file positions).
        Assert.Contains(record.Split(' ')[0] == "@" ? "example.com." : "www.example.com.", error.ToString());
        Assert.Contains(record.Split(' ')[1], error.ToString());
    }

    [Fact]
    public void Csync_follows_the_serial_and_lists_ns_and_in_zone_addresses_rfc7477()
    {
        var result = Sign("");
        var csync = result.Zone!.Zone.Apex.Find(RRType.CSYNC)!.Rdatas[0];
        Assert.Equal(42u, BinaryPrimitives.ReadUInt32BigEndian(csync));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(csync.AsSpan(4))); // immediate
        Assert.Equal("42 1 A NS AAAA", Text(RRType.CSYNC, csync));
        var withMinimum = Sign("", new SigningPolicy { CsyncSoaMinimum = true });
        Assert.Equal("42 3 A NS AAAA", Text(RRType.CSYNC, withMinimum.Zone!.Zone.Apex.Find(RRType.CSYNC)!.Rdatas[0]));
        Assert.Null(Sign("", new SigningPolicy { Csync = false }).Zone!.Zone.Apex.Find(RRType.CSYNC));
    }

    [Fact]
    public void The_soa_carries_the_serial_chosen_for_the_version()
    {
        Assert.Equal(42u, Sign("").Zone!.Serial);
    }

    [Fact]
    public void Every_authoritative_rrset_is_signed_and_the_signatures_verify()
    {
        var result = Sign("sub NS ns.sub\nns.sub A 192.0.2.9\nsub2 NS ns.x.net.\nsub2 DS 60485 13 2 D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A");
        var zone = result.Zone!.Zone;
        foreach (var node in zone.Nodes)
        {
            foreach (var set in node.RRsets.Where(s => s.Type != RRType.RRSIG))
            {
                var signatures = node.FindSignatures(set.Type);
                bool shouldBeSigned = !node.Is(NodeFlags.Occluded) && (!node.Is(NodeFlags.Delegation) || set.Type is RRType.DS or RRType.NSEC);
                Assert.True(shouldBeSigned == (signatures is not null), $"{set}: signed={signatures is not null}");
                if (signatures is null) { continue; }
                var rdata = signatures.Rdatas[0];
                int prefix = 18 + DnsName.WireLength(rdata.AsSpan(18));
                var data = RrsigSigner.SignedData(rdata.AsSpan(0, prefix), set.Owner.ToLower(), set);
                Assert.True(Own.SigningKey.Verify(data, rdata.AsSpan(prefix)), $"{set}: bad signature");
            }
        }
    }
}
