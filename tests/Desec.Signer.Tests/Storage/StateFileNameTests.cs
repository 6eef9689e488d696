using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Signer.Storage;
using Desec.Signer.Tests.Support;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Signer.Tests.Storage;

/// <summary>
/// Zone names become state file names through one escaping function: any octet is safe (no '/', no
/// NUL, no leading '.', a bounded length), different zones never share a file, names that differ only
/// in letter case (RFC 4343) share one, ordinary names keep the names earlier versions wrote, and every
/// store (serials, signed versions, keys) writes inside its folder and reads back what it wrote.
/// </summary>
public sealed class StateFileNameTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Names as a zone file or database row could give them, hostile ones included.</summary>
    public static readonly string[] Names =
    [
        "example.com.", "ExAmple.COM.", "/tmp/x.", "a/b.", "..example.", @"\.\..example.", @"a\000b.example.", @"\..", @"\@.",
        "0/25.2.0.192.in-addr.arpa.", "-leading-dash.example.", @"back\\slash.example.", @"\032space.example.", @"\255\254.example.",
        string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + ".",
        string.Join('.', Enumerable.Repeat(string.Concat(Enumerable.Repeat(@"\047", 63)), 3)) + ".",
        string.Join('.', Enumerable.Repeat(string.Concat(Enumerable.Repeat(@"\047", 63)), 3)) + ".x.",
        string.Join('.', Enumerable.Repeat(new string('b', 49), 4)) + ".",
        ".",
    ];

    private static IEnumerable<DnsName> Parsed() =>
        Names.Where(n => !n.StartsWith("..", StringComparison.Ordinal)).Select(n => DnsName.Parse(n));

    [Fact]
    public void Ordinary_names_keep_the_names_earlier_versions_wrote()
    {
        var zone = DnsName.Parse("Example.COM.");
        Assert.Equal("example.com.", StateFileName.ZoneText(zone));
        Assert.Equal("example.com.serial", StateFileName.Of(zone, "serial"));
        Assert.Equal("Kexample.com.+013+00042", BindKeyFileName.Of(zone, 13, 42));
        Assert.Equal("_dmarc.xn--bcher-kva.example.journal", StateFileName.Of(DnsName.Parse("_dmarc.xn--bcher-kva.example."), "journal"));
        // The root keeps BIND's key file name; its other files are not hidden.
        Assert.Equal("K.+013+00042", BindKeyFileName.Of(DnsName.Root, 13, 42));
        Assert.Equal("@.serial", StateFileName.Of(DnsName.Root, "serial"));
    }

    [Fact]
    public void Every_name_gives_a_safe_bounded_file_name_and_different_zones_different_ones()
    {
        var seen = new Dictionary<string, DnsName>(StringComparer.Ordinal);
        foreach (var zone in Parsed())
        {
            string name = StateFileName.Of(zone, "serial");
            Assert.DoesNotContain('/', name);
            Assert.DoesNotContain('\0', name);
            Assert.False(name.StartsWith('.'), name);
            Assert.InRange(StateFileName.ZoneText(zone).Length, 1, StateFileName.MaxZoneTextLength);
            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(name), 1, 255);
            Assert.True(name.All(c => c is > ' ' and < (char)0x7F), name);
            if (seen.TryGetValue(name, out var other)) { Assert.Equal(other, zone); } // only case variants share
            seen[name] = zone;
            string text = StateFileName.ZoneText(zone);
            if (!text.Contains('@'))
            {
                // Not shortened: the text reads back as the same name.
                Assert.Equal(zone, DnsName.Parse(text));
            }
        }
        Assert.Equal(Parsed().Distinct().Count(), seen.Count);
    }

    [Fact]
    public void Long_names_are_cut_outside_escapes_and_end_with_their_digest()
    {
        var zone = DnsName.Parse(Names[16]);
        string text = StateFileName.ZoneText(zone);
        Assert.Matches(@"^(\\047)+(\.(\\047)*)?@[0-9a-f]{64}\.$", text);
        Assert.NotEqual(text, StateFileName.ZoneText(DnsName.Parse(Names[15])));
    }

    [Fact]
    public void A_path_outside_the_folder_is_refused()
    {
        Assert.Throws<IOException>(() => StateFileName.Inside(_directory.Path, "../x.serial"));
        Assert.Throws<IOException>(() => StateFileName.Inside(_directory.Path, "/tmp/x.serial"));
        Assert.Throws<IOException>(() => StateFileName.Inside(_directory.Path, "a\0b"));
        Assert.Throws<IOException>(() => StateFileName.Inside(_directory.Path, ".."));
        Assert.Equal(_directory.File("x.serial"), StateFileName.Inside(_directory.Path, "x.serial"));
    }

    [Fact]
    public void Serials_of_every_name_stay_inside_and_round_trip()
    {
        string escapee = $"/tmp/escape-{Guid.NewGuid():N}/x.";
        var store = new SerialStore(_directory.Path);
        var zones = Parsed().Append(DnsName.Parse(escapee)).Distinct().ToList();
        for (int i = 0; i < zones.Count; i++) { Assert.Equal(1000u + (uint)i, store.Next(zones[i], 1000 + (uint)i)); }
        var reopened = new SerialStore(_directory.Path);
        for (int i = 0; i < zones.Count; i++) { Assert.Equal(1000u + (uint)i, reopened.LastPublished(zones[i])); }
        Assert.False(Directory.Exists(Path.GetDirectoryName(escapee.TrimEnd('.'))));
        Assert.Equal(zones.Count, Directory.GetFiles(_directory.File("serials")).Length);
        Assert.Empty(Directory.GetDirectories(_directory.File("serials")));
    }

    [Fact]
    public void Keys_of_hostile_names_stay_inside_and_round_trip()
    {
        var folder = _directory.File("keys");
        foreach (var zone in Parsed().Distinct())
        {
            var made = new KeyStore(folder).LoadOrCreate(zone, DnssecAlgorithm.EcdsaP256Sha256);
            var again = new KeyStore(folder).Load(zone);
            Assert.Equal(made[0].KeyTag, Assert.Single(again).KeyTag);
            Assert.Equal(zone, again[0].Zone);
        }
        Assert.Equal(2 * Parsed().Distinct().Count(), Directory.GetFiles(folder).Length);
        Assert.Empty(Directory.GetDirectories(folder));
    }

    [Fact]
    public void Signed_versions_of_hostile_names_stay_inside_and_round_trip()
    {
        var store = new SignedZoneStore(_directory.File("signed"));
        var now = DateTimeOffset.UtcNow;
        foreach (var name in new[] { "/tmp/x.", "a/b.", Names[15], "." })
        {
            var origin = DnsName.Parse(name);
            var key = KeyGenerator.Generate(origin, DnssecAlgorithm.Default, DnskeyRdata.KskFlags);
            var records = new[]
            {
                new ResourceRecord(origin, RRType.SOA, 300, Desec.Zone.Rdata.RdataCodecs.Parse(RRType.SOA,
                    Desec.Zone.Text.RdataTokens.FromString("ns1.example. h.example. 1 2 3 4 5", origin, "test"), new Desec.Zone.Rdata.RdataBuilder())),
                new ResourceRecord(origin, RRType.NS, 300, DnsName.Parse("ns1.example.").Wire.ToArray()),
            };
            var unsigned = ZoneBuilder.Build(origin, records).Zone!;
            var policy = new SigningPolicy();
            var signed = ZoneSigner.Sign(unsigned, [key], policy, 7, now).Zone!;
            store.Save(signed, SigningInputs.UnsignedDigest(unsigned), policy, now);
            var loaded = store.Load(origin, SigningInputs.UnsignedDigest(unsigned), [key], policy, 7, now);
            Assert.True(loaded.Fit == StoredFit.Current, loaded.Reason);
        }
        Assert.Equal(4, Directory.GetFiles(_directory.File("signed")).Length);
        Assert.False(File.Exists("/tmp/x.signed"));
    }

    [Fact]
    public void Files_of_the_names_earlier_versions_wrote_are_taken_over()
    {
        // The root zone's serial was ".serial"; a name of 200 characters was written in full.
        var longName = DnsName.Parse(string.Join('.', Enumerable.Repeat(new string('c', 49), 4)) + ".");
        Assert.Equal(200, longName.ToString().Length);
        Directory.CreateDirectory(_directory.File("serials"));
        File.WriteAllText(_directory.File("serials/.serial"), "77\n");
        File.WriteAllText(_directory.File($"serials/{longName}serial"), "88\n");
        var store = new SerialStore(_directory.Path);
        Assert.Equal(77u, store.LastPublished(DnsName.Root));
        Assert.Equal(88u, store.LastPublished(longName));
        Assert.Equal(89u, store.Next(longName, 1));
        Assert.Equal(["@.serial", StateFileName.Of(longName, "serial")],
            Directory.GetFiles(_directory.File("serials")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
