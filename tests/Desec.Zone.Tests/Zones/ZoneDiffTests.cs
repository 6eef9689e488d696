using CsCheck;
using Desec.Zone.Records;
using Desec.Zone.Zones;
using static Desec.Zone.Tests.Zones.TestZones;

namespace Desec.Zone.Tests.Zones;

/// <summary>ZoneDiff: records removed and added between two versions, for IXFR (RFC 1995 §4).</summary>
public class ZoneDiffTests
{
    /// <summary>Owners lower-cased: names compare without case, so the case of the version first seen may stay.</summary>
    private static string Lines(IEnumerable<ResourceRecord> records) =>
        string.Join("\n", records.Select(r => $"{r.Owner.ToLower()} {r.Ttl} {RRType.ToText(r.Type)} {Convert.ToHexString(r.Rdata)}"));

    [Fact]
    public void Identical_zones_differ_in_nothing()
    {
        var diff = ZoneDiff.Compute(BuildOk(Minimal()), BuildOk(Minimal()));
        Assert.True(diff.IsEmpty);
        Assert.Equal(diff.OldSerial, diff.NewSerial);
    }

    [Fact]
    public void Removed_and_added_records_with_the_serial_change()
    {
        var old = BuildOk(Minimal(1), [A("www", "192.0.2.1"), A("gone", "192.0.2.2")]);
        var @new = BuildOk(Minimal(2), [A("www", "192.0.2.1"), A("www", "192.0.2.3"), Txt("new", "x")]);
        var diff = ZoneDiff.Compute(old, @new);

        Assert.Equal(1u, diff.OldSerial);
        Assert.Equal(2u, diff.NewSerial);
        Assert.Equal(
            [(Name("@"), RRType.SOA), (Name("gone"), RRType.A)],
            diff.Removed.Select(r => (r.Owner, r.Type)));
        Assert.Equal(
            [(Name("@"), RRType.SOA), (Name("new"), RRType.TXT), (Name("www"), RRType.A)],
            diff.Added.Select(r => (r.Owner, r.Type)));
        Assert.Equal(TestZones.ARdata("192.0.2.3"), diff.Added[2].Rdata);
    }

    [Fact]
    public void A_changed_ttl_counts_as_removed_and_added()
    {
        var old = BuildOk(Minimal(), [A("www", "192.0.2.1", ttl: 3600)]);
        var @new = BuildOk(Minimal(), [A("www", "192.0.2.1", ttl: 300)]);
        var diff = ZoneDiff.Compute(old, @new);
        Assert.Equal(3600u, Assert.Single(diff.Removed).Ttl);
        Assert.Equal(300u, Assert.Single(diff.Added).Ttl);
    }

    [Fact]
    public void Owner_case_alone_is_no_change()
    {
        var diff = ZoneDiff.Compute(BuildOk(Minimal(), [A("WWW", "192.0.2.1")]), BuildOk(Minimal(), [A("www", "192.0.2.1")]));
        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Apply_turns_the_old_records_into_the_new()
    {
        var old = BuildOk(Minimal(1), [A("www", "192.0.2.1"), A("gone", "192.0.2.2"), Txt("a.b", "t")]);
        var @new = BuildOk(Minimal(2), [A("www", "192.0.2.1", ttl: 60), Txt("c.d", "x"), Txt("a.b", "t")]);
        var applied = ZoneDiff.Apply(old.Records, ZoneDiff.Compute(old, @new));
        Assert.Equal(Lines(@new.Records), Lines(applied));
    }

    [Fact]
    public void Apply_refuses_a_diff_that_does_not_belong()
    {
        var old = BuildOk(Minimal(1), [A("www", "192.0.2.1")]);
        var @new = BuildOk(Minimal(2));
        var diff = ZoneDiff.Compute(old, @new);
        var other = BuildOk(Minimal(1));
        var error = Assert.Throws<InvalidOperationException>(() => ZoneDiff.Apply(other.Records, diff));
        Assert.Contains("removes a record that is not there", error.Message);
        error = Assert.Throws<InvalidOperationException>(() => ZoneDiff.Apply(old.Records, ZoneDiff.Compute(other, old)));
        Assert.Contains("adds a record that is already there", error.Message);
    }

    private static readonly string[] Owners = ["www", "a.b", "mail", "*.w", "Www", "z.a.b"];

    /// <summary>A record from a small space of owners, types, RDATA and TTLs, so that versions overlap.</summary>
    private static ResourceRecord Pick(int v)
    {
        string owner = Owners[v % Owners.Length];
        string address = $"192.0.2.{v / Owners.Length % 3}";
        uint ttl = v / 18 % 2 == 0 ? 300u : 600u;
        return v / 36 % 2 == 0 ? A(owner, address, ttl: ttl) : Rr(owner, RRType.TXT, [1, (byte)('a' + v % 3)], ttl);
    }

    [Fact]
    public void Apply_of_compute_round_trips_for_any_two_versions()
    {
        var version = Gen.Int[0, 71].Array[0, 24];
        Gen.Select(version, version, Gen.UInt[1, 5], Gen.UInt[1, 5]).Sample((a, b, serialA, serialB) =>
        {
            var old = BuildOk(Minimal(serialA), a.Select(Pick));
            var @new = BuildOk(Minimal(serialB), b.Select(Pick));
            var diff = ZoneDiff.Compute(old, @new);
            Assert.Equal(Lines(@new.Records), Lines(ZoneDiff.Apply(old.Records, diff)));
            Assert.Equal(Lines(old.Records), Lines(ZoneDiff.Apply(@new.Records, ZoneDiff.Compute(@new, old))));
            Assert.Equal(diff.Removed.Count, diff.Removed.Distinct().Count());
            Assert.Empty(diff.Removed.Intersect(diff.Added));
        });
    }
}
