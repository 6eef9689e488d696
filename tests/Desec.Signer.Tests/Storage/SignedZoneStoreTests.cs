using Desec.Signer.Algorithms;
using Desec.Signer.Denial;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Signer.Storage;
using Desec.Signer.Tests.Support;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Signer.Tests.Storage;

/// <summary>
/// The signed version kept in the state folder: it comes back record for record and is served as
/// it is only when made from the same zone, keys and policy, with the last serial and fresh
/// signatures; a damaged or forged file is never used, an outdated one is the base of the next version.
/// </summary>
public sealed class SignedZoneStoreTests : IDisposable
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");
    private static readonly DnssecKey Key = KeyGenerator.Generate(Origin, DnssecAlgorithm.Default, DnskeyRdata.KskFlags);
    private static readonly DnssecKey OtherKey = KeyGenerator.Generate(Origin, DnssecAlgorithm.Default, DnskeyRdata.KskFlags);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private const uint Serial = 2026112801;

    private readonly TempDirectory _directory = new();
    private readonly SignedZoneStore _store;

    public SignedZoneStoreTests() => _store = new SignedZoneStore(_directory.File("signed"));

    public void Dispose() => _directory.Dispose();

    private static Zone.Zones.Zone Unsigned(string www = "192.0.2.2")
    {
        string text = $"""
            $TTL 300
            @ SOA ns1 hostmaster 1 7200 3600 1209600 60
            @ NS ns1
            ns1 A 192.0.2.1
            www A {www}
            Mail A 192.0.2.3
            *.wild TXT "x"
            sub NS ns.sub
            ns.sub A 192.0.2.9
            signed NS ns.other.example.
            signed DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
            a.b.c TXT "below empty non-terminals"
            """;
        var parsed = ZoneFileParser.ParseText(text, "test", Origin);
        return ZoneBuilder.Build(Origin, parsed.Records).Zone!;
    }

    private static SigningPolicy Policy(DenialMode denial = DenialMode.Nsec3) => new() { Denial = denial };

    private static SignedZone Sign(Zone.Zones.Zone zone, SigningPolicy policy, DnssecKey? key = null, uint serial = Serial, SignedZone? previous = null)
    {
        var result = ZoneSigner.Sign(zone, [key ?? Key], policy, serial, Now, previous);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return result.Zone!;
    }

    private SignedZone Saved(DenialMode denial = DenialMode.Nsec3, SigningPolicy? policy = null)
    {
        policy ??= Policy(denial);
        var signed = Sign(Unsigned(), policy);
        _store.Save(signed, SigningInputs.UnsignedDigest(Unsigned()), policy, Now);
        return signed;
    }

    private StoredVersion Load(Zone.Zones.Zone? unsigned = null, DnssecKey? key = null, SigningPolicy? policy = null, uint? last = Serial, DateTimeOffset? now = null) =>
        _store.Load(Origin, SigningInputs.UnsignedDigest(unsigned ?? Unsigned()), [key ?? Key], policy ?? Policy(), last, now ?? Now.AddMinutes(5));

    private static List<string> Lines(SignedZone zone) => zone.Records.Select(r => r.ToString()).ToList();

    [Theory]
    [InlineData(DenialMode.Nsec)]
    [InlineData(DenialMode.Nsec3)]
    public void A_stored_version_comes_back_record_for_record_and_is_current(DenialMode denial)
    {
        var signed = Saved(denial);
        var loaded = Load(policy: Policy(denial));
        Assert.Equal(StoredFit.Current, loaded.Fit);
        Assert.Equal(Lines(signed), Lines(loaded.Zone!));
        Assert.Equal(signed.Serial, loaded.Zone!.Serial);
        Assert.Equal(signed.RefreshAt, loaded.Zone.RefreshAt);
        Assert.Equal(signed.Denial, loaded.Zone.Denial);
        // The structures the answerer reads were rebuilt too: same chains, same flags.
        Assert.Equal(signed.Nsec?.Count, loaded.Zone.Nsec?.Count);
        Assert.Equal(signed.Nsec3?.Count, loaded.Zone.Nsec3?.Count);
        Assert.Equal(signed.Zone.Nodes.Select(n => n.Flags), loaded.Zone.Zone.Nodes.Select(n => n.Flags));
        Assert.Equal(signed.Zone.Nodes.Select(n => n.Name), loaded.Zone.Zone.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void The_owner_letter_case_survives()
    {
        Saved();
        var loaded = Load();
        Assert.Contains(loaded.Zone!.Zone.Nodes, n => n.Name.ToString() == "Mail.example.com.");
    }

    [Fact]
    public void Nothing_stored_is_missing() => Assert.Equal(StoredFit.Missing, Load().Fit);

    /// <summary>
    /// Found by the signed-zone fuzz target (fuzz/): a record turned into a type of 32768 or above,
    /// with the checksum made right, threw from the zone build instead of being refused.
    /// </summary>
    [Theory]
    [InlineData("example.com.", RRType.NS, (ushort)62209)]
    [InlineData("sub.example.com.", RRType.NS, (ushort)48431)]
    [InlineData("signed.example.com.", RRType.DS, (ushort)65280)]
    public void A_record_turned_into_a_high_type_makes_it_unusable(string owner, ushort type, ushort highType)
    {
        Saved();
        string path = _store.PathOf(Origin);
        var file = SignedZoneFile.Decode(File.ReadAllBytes(path));
        var records = file.Records.ToList();
        int index = records.FindIndex(r => r.Owner == DnsName.Parse(owner) && r.Type == type);
        records[index] = records[index] with { Type = highType };
        File.WriteAllBytes(path, new SignedZoneFile
        {
            Serial = file.Serial, UnsignedDigest = file.UnsignedDigest, Keys = file.Keys, Policy = file.Policy,
            WrittenAt = file.WrittenAt, Denial = file.Denial, Nsec3 = file.Nsec3, Origin = file.Origin, Records = records,
        }.Encode());

        var loaded = Load();

        Assert.Equal(StoredFit.Unusable, loaded.Fit);
        Assert.Null(loaded.Zone);
    }

    [Fact]
    public void Every_damaged_octet_makes_it_unusable()
    {
        Saved();
        string path = _store.PathOf(Origin);
        var good = File.ReadAllBytes(path);
        foreach (int position in new[] { 0, 7, 12, good.Length / 3, good.Length / 2, good.Length - 40, good.Length - 1 })
        {
            var bad = (byte[])good.Clone();
            bad[position] ^= 0x20;
            File.WriteAllBytes(path, bad);
            var loaded = Load();
            Assert.Equal(StoredFit.Unusable, loaded.Fit);
            Assert.Null(loaded.Zone);
            Assert.Contains(path, loaded.Reason);
        }
    }

    [Fact]
    public void Any_octet_changed_under_a_fresh_checksum_is_refused_without_an_exception_escaping()
    {
        // A file damaged and given a valid checksum again (by hand, or by a bug): the decoder, the rebuild and the
        // signature check refuse it with a reason; no other exception may leave Load (it would stop more than this zone).
        Saved();
        string path = _store.PathOf(Origin);
        byte[] good = File.ReadAllBytes(path);
        var escaped = new List<string>();
        // 50 octets picked at random (seeded: the same run every time), each set to 0xFF (a type or TTL from the
        // top of its range found a zone-builder fault) and flipped in its lowest bit; each Load rebuilds and verifies.
        var random = new Random(12);
        foreach (int i in Enumerable.Range(0, 50).Select(_ => random.Next(8, good.Length - 32)))
        {
            foreach (byte value in new byte[] { 0xFF, (byte)(good[i] ^ 0x01) })
            {
                byte[] bad = (byte[])good.Clone();
                bad[i] = value;
                System.Security.Cryptography.SHA256.HashData(bad.AsSpan(0, bad.Length - 32), bad.AsSpan(bad.Length - 32));
                File.WriteAllBytes(path, bad);
                try { Load(); _store.LastSourceRecords(Origin, out _); }
                catch (Exception e) { escaped.Add($"octet {i} = {value}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}"); }
            }
        }
        Assert.True(escaped.Count == 0, string.Join("\n", escaped.Take(20)));
    }

    [Fact]
    public void A_file_cut_short_or_empty_is_unusable()
    {
        Saved();
        string path = _store.PathOf(Origin);
        var good = File.ReadAllBytes(path);
        foreach (int length in new[] { 0, 5, 40, good.Length / 2, good.Length - 1 })
        {
            File.WriteAllBytes(path, good[..length]);
            var loaded = Load();
            Assert.Equal(StoredFit.Unusable, loaded.Fit);
        }
    }

    [Fact]
    public void A_forged_signature_with_a_fresh_checksum_is_caught_by_the_key()
    {
        var signed = Sign(Unsigned(), Policy());
        var records = signed.Records.ToList();
        // Break the apex DNSKEY's signature, then write the file properly (a valid checksum).
        int index = records.FindIndex(r => r.Type == RRType.RRSIG && r.Owner == Origin && r.Rdata[0] == 0 && r.Rdata[1] == RRType.DNSKEY);
        var rdata = (byte[])records[index].Rdata.Clone();
        rdata[^1] ^= 1;
        records[index] = records[index] with { Rdata = rdata };
        Write(signed, records);
        var loaded = Load();
        Assert.Equal(StoredFit.Unusable, loaded.Fit);
        Assert.Contains("does not verify", loaded.Reason);
    }

    [Fact]
    public void A_missing_signature_or_denial_record_is_caught_by_the_rebuild()
    {
        var signed = Sign(Unsigned(), Policy());
        var records = signed.Records.ToList();
        Write(signed, records.Where(r => !(r.Type == RRType.RRSIG && r.Owner.ToString().StartsWith("www", StringComparison.Ordinal))).ToList());
        Assert.Contains("no stored RRSIG", Load().Reason);
        Write(signed, records.Where((r, i) => i != records.FindIndex(x => x.Type == RRType.NSEC3)).ToList());
        Assert.Contains("denial chain", Load().Reason);
        Write(signed, [.. records, new ResourceRecord(DnsName.Parse("extra.example.com."), RRType.A, 300, [192, 0, 2, 99])]);
        Assert.Equal(StoredFit.Unusable, Load().Fit);
    }

    private void Write(SignedZone signed, List<ResourceRecord> records)
    {
        var file = new SignedZoneFile
        {
            Serial = signed.Serial, UnsignedDigest = SigningInputs.UnsignedDigest(Unsigned()), Keys = SigningInputs.Keys([Key]),
            Policy = SigningInputs.Policy(Policy()), WrittenAt = Now, Denial = signed.Denial, Nsec3 = signed.Nsec3?.Parameters,
            Origin = Origin, Records = records,
        };
        Directory.CreateDirectory(_store.Directory);
        File.WriteAllBytes(_store.PathOf(Origin), file.Encode());
    }

    [Fact]
    public void A_changed_zone_makes_it_outdated_but_usable_as_the_previous_version()
    {
        var signed = Saved();
        var changed = Unsigned(www: "192.0.2.200");
        var loaded = Load(unsigned: changed);
        Assert.Equal(StoredFit.Outdated, loaded.Fit);
        Assert.Contains("zone changed", loaded.Reason);
        Assert.Equal(Lines(signed), Lines(loaded.Zone!));

        // Signed with the stored version as the previous one, only what changed (and what follows the serial) is new.
        var next = Sign(changed, Policy(), serial: Serial + 1, previous: loaded.Zone);
        var before = signed.Records.Where(r => r.Type == RRType.RRSIG).Select(r => Convert.ToHexString(r.Rdata)).ToHashSet();
        var fresh = next.Records.Where(r => r.Type == RRType.RRSIG && !before.Contains(Convert.ToHexString(r.Rdata)))
            .Select(r => $"{r.Owner.ToLower()} {RRType.ToText((ushort)(r.Rdata[0] << 8 | r.Rdata[1]))}").ToHashSet();
        Assert.Contains("www.example.com. A", fresh);
        Assert.Contains("example.com. SOA", fresh);
        Assert.DoesNotContain("mail.example.com. A", fresh);
        Assert.DoesNotContain("example.com. DNSKEY", fresh);
    }

    [Fact]
    public void Other_keys_make_it_outdated()
    {
        Saved();
        var loaded = Load(key: OtherKey);
        Assert.Equal(StoredFit.Outdated, loaded.Fit);
        Assert.Contains("keys changed", loaded.Reason);
    }

    [Fact]
    public void Another_policy_makes_it_outdated()
    {
        Saved();
        Assert.Contains("policy changed", Load(policy: Policy() with { SignatureValidity = TimeSpan.FromDays(14) }).Reason);
        Assert.Contains("policy changed", Load(policy: Policy(DenialMode.Nsec)).Reason);
        Assert.Contains("policy changed", Load(policy: Policy() with { Nsec3 = new Nsec3Parameters(salt: [1, 2]) }).Reason);
    }

    [Fact]
    public void A_serial_published_after_it_makes_it_outdated()
    {
        Saved();
        Assert.Contains("published after it", Load(last: Serial + 1).Reason);
        Assert.Equal(StoredFit.Current, Load(last: null).Fit);
    }

    [Fact]
    public void Signatures_at_their_refresh_point_make_it_outdated()
    {
        var signed = Saved();
        Assert.Equal(StoredFit.Current, Load(now: signed.RefreshAt.AddMinutes(-1)).Fit);
        var loaded = Load(now: signed.RefreshAt);
        Assert.Equal(StoredFit.Outdated, loaded.Fit);
        Assert.Contains("refresh point", loaded.Reason);
    }

    [Fact]
    public void Signatures_from_the_future_make_it_outdated()
    {
        Saved();
        Assert.Contains("clock went back", Load(now: Now.AddDays(-1)).Reason);
    }

    [Fact]
    public void Another_zones_file_is_unusable()
    {
        Saved();
        var other = DnsName.Parse("example.org.");
        File.Copy(_store.PathOf(Origin), _store.PathOf(other));
        var loaded = _store.Load(other, SigningInputs.UnsignedDigest(Unsigned()), [Key], Policy(), Serial, Now);
        Assert.Equal(StoredFit.Unusable, loaded.Fit);
    }

    [Fact]
    public void The_unsigned_digest_sees_letter_case_and_ttl()
    {
        var digest = SigningInputs.UnsignedDigest(Unsigned());
        Assert.Equal(digest, SigningInputs.UnsignedDigest(Unsigned()));
        Assert.NotEqual(digest, SigningInputs.UnsignedDigest(Unsigned(www: "192.0.2.3")));
        var parsed = ZoneFileParser.ParseText("$TTL 300\n@ SOA ns1 hostmaster 1 7200 3600 1209600 60\n@ NS ns1\nns1 A 192.0.2.1\n", "t", Origin);
        var upper = ZoneFileParser.ParseText("$TTL 300\n@ SOA ns1 hostmaster 1 7200 3600 1209600 60\n@ NS ns1\nNS1 A 192.0.2.1\n", "t", Origin);
        var ttl = ZoneFileParser.ParseText("$TTL 300\n@ SOA ns1 hostmaster 1 7200 3600 1209600 60\n@ NS ns1\nns1 301 A 192.0.2.1\n", "t", Origin);
        byte[] Of(ZoneFileResult p) => SigningInputs.UnsignedDigest(ZoneBuilder.Build(Origin, p.Records).Zone!);
        Assert.NotEqual(Of(parsed), Of(upper));
        Assert.NotEqual(Of(parsed), Of(ttl));
    }

    [Fact]
    public void The_source_records_of_a_stored_version_leave_out_what_signing_added_and_keep_other_signers_keys()
    {
        // Another signer's KSK and a CDS the operator provisioned (multi-signer, RFC 8901), beside our own key.
        var other = KeyGenerator.Generate(Origin, DnssecAlgorithm.Default, DnskeyRdata.KskFlags);
        var provisioned = Unsigned().Records.Append(other.ToDnskey(300)).Append(other.ToCds(300)).ToList();
        var unsigned = ZoneBuilder.Build(Origin, provisioned).Zone!;
        var policy = Policy();
        var signed = Sign(unsigned, policy);
        _store.Save(signed, SigningInputs.UnsignedDigest(unsigned), policy, Now);

        var records = _store.LastSourceRecords(Origin, out string why)!;
        Assert.Equal("", why);
        Assert.DoesNotContain(records, r => r.Type is RRType.RRSIG or RRType.NSEC or RRType.NSEC3 or RRType.NSEC3PARAM);
        Assert.DoesNotContain(records, r => r.Rdata.AsSpan().SequenceEqual(Key.DnskeyRdata));
        Assert.DoesNotContain(records, r => r.Type == RRType.CDS && r.Rdata.AsSpan().SequenceEqual(Key.DsRdata()));
        Assert.Contains(records, r => r.Type == RRType.DNSKEY && r.Rdata.AsSpan().SequenceEqual(other.DnskeyRdata));
        Assert.Contains(records, r => r.Type == RRType.CDS && r.Rdata.AsSpan().SequenceEqual(other.DsRdata()));

        // Signed again, they give the stored version: the same records and signatures, the next serial.
        var again = Sign(ZoneBuilder.Build(Origin, records.ToList()).Zone!, policy, serial: Serial + 1, previous: signed);
        static IEnumerable<string> Content(SignedZone zone) => zone.Records
            .Where(r => r.Type is not (RRType.SOA or RRType.CSYNC) && !(r.Type == RRType.RRSIG && (r.Rdata[1] == RRType.SOA || r.Rdata[1] == RRType.CSYNC)))
            .Select(r => r.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(Content(signed), Content(again));

        Assert.Null(new SignedZoneStore(_directory.File("none")).LastSourceRecords(Origin, out why));
        Assert.Equal("no signed version stored", why);
        File.WriteAllText(_store.PathOf(Origin), "damaged");
        Assert.Null(_store.LastSourceRecords(Origin, out why));
        Assert.Contains("not a signed-zone file", why);
    }

    [Fact]
    public void Every_policy_setting_is_in_the_policy_line()
    {
        var basis = new SigningPolicy();
        string line = SigningInputs.Policy(basis);
        var changed = new Dictionary<string, SigningPolicy>
        {
            ["Algorithm"] = basis with { Algorithm = DnssecAlgorithm.FromNumber(15)! },
            ["Denial"] = basis with { Denial = DenialMode.Nsec },
            ["Nsec3"] = basis with { Nsec3 = new Nsec3Parameters(iterations: 1) },
            ["SignatureValidity"] = basis with { SignatureValidity = TimeSpan.FromDays(20) },
            ["InceptionOffset"] = basis with { InceptionOffset = TimeSpan.FromHours(2) },
            ["RefreshRemaining"] = basis with { RefreshRemaining = 0.25 },
            ["ExpirationJitter"] = basis with { ExpirationJitter = 0.2 },
            ["KeyTtl"] = basis with { KeyTtl = 60 },
            ["CdsDigestTypes"] = basis with { CdsDigestTypes = [2, 4] },
            ["PublishProvisionedSepCds"] = basis with { PublishProvisionedSepCds = false },
            ["Csync"] = basis with { Csync = false },
            ["CsyncSoaMinimum"] = basis with { CsyncSoaMinimum = true },
        };
        // A setting added to SigningPolicy must be added to the line (and here).
        Assert.Equal(typeof(SigningPolicy).GetProperties().Select(p => p.Name).Where(n => n != "EqualityContract").Order(), changed.Keys.Order());
        foreach (var (name, policy) in changed) { Assert.True(SigningInputs.Policy(policy) != line, name); }
    }
}
