using Desec.Auth.Transfer;
using Desec.Auth.Zones;
using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Auth.Tests.Transfer;

/// <summary>
/// The difference between two versions found by walking them side by side is exactly the set
/// difference of their records (SOA left out), for signed zones with NSEC and NSEC3 and for unsigned ones.
/// </summary>
public sealed class VersionDiffTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");
    private static readonly DnssecKey Key = KeyGenerator.Generate(Origin, DnssecAlgorithm.Default, DnskeyRdata.KskFlags);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static Zone.Zones.Zone Unsigned(string extra)
    {
        string text = $"""
            $TTL 300
            @ SOA ns1 hostmaster 1 7200 3600 1209600 60
            @ NS ns1
            ns1 A 192.0.2.1
            www A 192.0.2.2
            www A 192.0.2.3
            mail A 192.0.2.4
            *.wild TXT "x"
            sub NS ns.sub
            ns.sub A 192.0.2.9
            a.b.c TXT "deep"
            {extra}
            """;
        return ZoneBuilder.Build(Origin, ZoneFileParser.ParseText(text, "test", Origin).Records).Zone!;
    }

    private static (List<ResourceRecord> Removed, List<ResourceRecord> Added) SetDifference(ServedZone a, ServedZone b)
    {
        var before = a.Records.Where(r => r.Type != RRType.SOA).ToHashSet();
        var after = b.Records.Where(r => r.Type != RRType.SOA).ToHashSet();
        return (before.Where(r => !after.Contains(r)).ToList(), after.Where(r => !before.Contains(r)).ToList());
    }

    private static void AssertSame((List<ResourceRecord> Removed, List<ResourceRecord> Added) expected, (List<ResourceRecord> Removed, List<ResourceRecord> Added) actual)
    {
        Assert.Equal(expected.Removed.Select(r => r.ToString()).Order(), actual.Removed.Select(r => r.ToString()).Order());
        Assert.Equal(expected.Added.Select(r => r.ToString()).Order(), actual.Added.Select(r => r.ToString()).Order());
    }

    public static TheoryData<string, string> Changes => new()
    {
        { "", "new A 192.0.2.77" },
        { "old A 192.0.2.77", "" },
        { "www A 192.0.2.5", "www A 192.0.2.6" },
        { "ttl 300 TXT \"t\"", "ttl 60 TXT \"t\"" },
        { "x.y.z TXT \"a\"", "z TXT \"a\"" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Signed_versions_differ_by_the_set_difference(string before, string after)
    {
        foreach (var denial in new[] { DenialMode.Nsec, DenialMode.Nsec3 })
        {
            var policy = new SigningPolicy { Denial = denial };
            var first = ZoneSigner.Sign(Unsigned(before), [Key], policy, 1, Now).Zone!;
            var second = ZoneSigner.Sign(Unsigned(after), [Key], policy, 2, Now.AddHours(1), first).Zone!;
            var a = new ServedZone(first);
            var b = new ServedZone(second);
            AssertSame(SetDifference(a, b), VersionDiff.Between(a, b));
            AssertSame(SetDifference(b, a), VersionDiff.Between(b, a));
        }
    }

    [Fact]
    public void A_change_of_denial_mode_replaces_the_chain()
    {
        var a = new ServedZone(ZoneSigner.Sign(Unsigned(""), [Key], new SigningPolicy { Denial = DenialMode.Nsec }, 1, Now).Zone!);
        var b = new ServedZone(ZoneSigner.Sign(Unsigned(""), [Key], new SigningPolicy(), 2, Now, a.Signed).Zone!);
        AssertSame(SetDifference(a, b), VersionDiff.Between(a, b));
    }

    [Fact]
    public void Unsigned_versions_differ_by_the_set_difference()
    {
        var a = new ServedZone(Unsigned("old A 192.0.2.1"));
        var b = new ServedZone(Unsigned("new A 192.0.2.1"));
        AssertSame(SetDifference(a, b), VersionDiff.Between(a, b));
        Assert.Single(VersionDiff.Between(a, b).Removed);
    }
}
