using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Signer.Tests.Signing;

/// <summary>
/// A new version keeps the previous signatures over unchanged RRsets while they are far from
/// expiry: only what changed (and the SOA and CSYNC, which follow the serial) or what is due is
/// signed again, so refreshes come a batch at a time rather than the whole zone at once.
/// </summary>
public class SignatureReuseTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");
    private static readonly DnssecKey Key = KeyGenerator.Generate(Origin, DnssecAlgorithm.Default, DnskeyRdata.KskFlags);
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static Zone.Zones.Zone Unsigned(string www = "192.0.2.2")
    {
        string text = $"""
            $TTL 300
            @ SOA ns1 hostmaster 1 7200 3600 1209600 60
            @ NS ns1
            ns1 A 192.0.2.1
            www A {www}
            mail A 192.0.2.3
            *.wild TXT "x"
            """;
        var parsed = ZoneFileParser.ParseText(text, "test", Origin);
        return ZoneBuilder.Build(Origin, parsed.Records).Zone!;
    }

    private static SignedZone Sign(Zone.Zones.Zone zone, uint serial, DateTimeOffset now, SignedZone? previous, DenialMode denial = DenialMode.Nsec3, DnssecKey? key = null)
    {
        var result = ZoneSigner.Sign(zone, [key ?? Key], new SigningPolicy { Denial = denial }, serial, now, previous);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return result.Zone!;
    }

    private static Dictionary<string, byte[]> Signatures(SignedZone zone) =>
        zone.Records.Where(r => r.Type == RRType.RRSIG)
            .ToDictionary(r => $"{r.Owner.ToLower()} {RRType.ToText((ushort)((r.Rdata[0] << 8) | r.Rdata[1]))}", r => r.Rdata);

    private static List<string> Changed(SignedZone before, SignedZone after)
    {
        var a = Signatures(before);
        return Signatures(after).Where(kv => !a.TryGetValue(kv.Key, out var old) || !old.AsSpan().SequenceEqual(kv.Value))
            .Select(kv => kv.Key).Order().ToList();
    }

    [Theory]
    [InlineData(DenialMode.Nsec)]
    [InlineData(DenialMode.Nsec3)]
    public void A_new_serial_re_signs_only_what_follows_the_serial(DenialMode denial)
    {
        var zone = Unsigned();
        var v1 = Sign(zone, 1, Start, null, denial);
        var v2 = Sign(zone, 2, Start.AddDays(1), v1, denial);
        Assert.Equal(["example.com. CSYNC", "example.com. SOA"], Changed(v1, v2));
    }

    [Fact]
    public void A_changed_record_re_signs_its_rrset_and_the_denial_records_that_changed()
    {
        var v1 = Sign(Unsigned(), 1, Start, null, DenialMode.Nsec);
        var v2 = Sign(Unsigned(www: "192.0.2.99"), 2, Start.AddHours(2), v1, DenialMode.Nsec);
        Assert.Equal(["example.com. CSYNC", "example.com. SOA", "www.example.com. A"], Changed(v1, v2));
    }

    [Fact]
    public void Signatures_near_expiry_are_renewed()
    {
        var v1 = Sign(Unsigned(), 1, Start, null);
        // 15 days in, every signature has less than 7 days (a third of 21) left.
        var v2 = Sign(Unsigned(), 2, Start.AddDays(15), v1);
        Assert.Equal(Signatures(v1).Keys.Order(), Changed(v1, v2));
    }

    [Fact]
    public void With_a_ksk_and_a_zsk_unchanged_rrsets_keep_their_signatures()
    {
        var ksk = KeyGenerator.Generate(Origin, DnssecAlgorithm.Default, DnskeyRdata.KskFlags, KeyRole.Ksk);
        var zsk = KeyGenerator.Generate(Origin, DnssecAlgorithm.Default, DnskeyRdata.ZskFlags, KeyRole.Zsk);
        SignedZone Split(Zone.Zones.Zone zone, uint serial, DateTimeOffset now, SignedZone? previous)
        {
            var result = ZoneSigner.Sign(zone, [ksk, zsk], new SigningPolicy(), serial, now, previous);
            Assert.True(result.Success, string.Join("\n", result.Errors));
            return result.Zone!;
        }
        var v1 = Split(Unsigned(), 1, Start, null);
        var v2 = Split(Unsigned(www: "192.0.2.99"), 2, Start.AddHours(2), v1);
        Assert.Equal(["example.com. CSYNC", "example.com. SOA", "www.example.com. A"], Changed(v1, v2).Where(n => !n.Contains("NSEC3")).ToList());
    }

    [Fact]
    public void A_different_key_re_signs_everything()
    {
        var other = KeyGenerator.Generate(Origin, DnssecAlgorithm.Default, DnskeyRdata.KskFlags);
        var v1 = Sign(Unsigned(), 1, Start, null);
        var v2 = Sign(Unsigned(), 2, Start.AddHours(1), v1, key: other);
        Assert.Equal(Signatures(v2).Keys.Order(), Changed(v1, v2));
    }

    [Fact]
    public void Refresh_is_due_when_the_earliest_signature_has_a_third_of_its_validity_left()
    {
        var v1 = Sign(Unsigned(), 1, Start, null);
        // Expirations are spread over the last 10% of 21 days; refresh comes 7 days before the earliest.
        Assert.InRange(v1.RefreshAt, Start.AddDays(21 * 0.9 - 7), Start.AddDays(14));
    }

    [Fact]
    public void Expiration_spread_is_the_same_in_every_run()
    {
        var a = Signatures(Sign(Unsigned(), 1, Start, null));
        var b = Signatures(Sign(Unsigned(), 1, Start, null));
        foreach (var (name, rdata) in a)
        {
            Assert.Equal(rdata.AsSpan(8, 4).ToArray(), b[name].AsSpan(8, 4).ToArray());
        }
    }
}
