using Desec.Auth.Config;
using Desec.Auth.Database;
using Desec.Signer.Signing;
using Desec.Zone.Names;

namespace Desec.Auth.Tests.Database;

/// <summary>
/// The database door without a database: hostile zones and records rows (as the reader hands them on)
/// are refused with the row and the reason, and nothing else escapes. The PostgreSQL tests in
/// Interop.Tests run the same rows through a real database and the running server.
/// </summary>
public sealed class ZoneFromRowsTests
{
    private static readonly RecordRow[] Good =
    [
        new(1, "@", "SOA", 300, "ns1 hostmaster 1 7200 3600 1209600 60"),
        new(2, "@", "NS", 300, "ns1"),
        new(3, "ns1", "A", 300, "192.0.2.1"),
    ];

    private static string? CheckPolicy(DnsName zone, SigningConfig columns)
    {
        try { columns.ApplyTo(new SigningPolicy(), "zones"); return null; }
        catch (ConfigException e) { return e.Message; }
    }

    private static RowsBuild Build(string name, SigningConfig? policy = null, IReadOnlyList<string>? problems = null, params RecordRow[] extra) =>
        ZoneFromRows.Build(new ZoneRow(name, 1, policy ?? new SigningConfig()) { Problems = problems ?? [] }, [.. Good, .. extra],
            forSigning: true, CheckPolicy);

    [Fact]
    public void A_good_zone_builds()
    {
        var built = Build("example.com.");
        Assert.Empty(built.Errors);
        Assert.NotNull(built.Zone);
    }

    [Theory]
    [InlineData(@"\097bc.example.", "write it as 'abc.example.'")]
    [InlineData(@"\065bc.example.", "write it as 'abc.example.'")]
    [InlineData("Abc.example.", "write it as 'abc.example.'")]
    [InlineData("é.example.", @"write it as '\195\169.example.'")]
    [InlineData(@"a\/b.example.", "write it as 'a/b.example.'")]
    public void A_zone_name_in_another_spelling_is_refused_with_the_canonical_one(string name, string reason)
    {
        var built = Build(name);
        Assert.Null(built.Zone);
        Assert.Contains(built.Errors, e => e.Why.Contains("not in canonical form") && e.Why.Contains(reason));
    }

    [Fact]
    public void Names_with_a_slash_are_zones_like_any_other()
    {
        // RFC 2317 §4 names classless reverse zones with '/' (0/25.2.0.192.in-addr.arpa.): the state folder escapes it.
        Assert.NotNull(Build("0/25.2.0.192.in-addr.arpa.").Zone);
        Assert.NotNull(Build("/tmp/x.").Zone);
    }

    public static TheoryData<string, string> BadPolicies => new()
    {
        { "{\"SignatureValidityDays\": \"NaN\"}", "signature-validity-days: NaN" },
        { "{\"SignatureValidityDays\": \"Infinity\"}", "signature-validity-days" },
        { "{\"SignatureValidityDays\": 0.5}", "signature-validity-days" },
        { "{\"Nsec3Parameters\": \"2 0 0 -\"}", "hash algorithm 2" },
        { "{\"Nsec3Parameters\": \"1 0 65535 -\"}", "65535 NSEC3 iterations" },
        { "{\"Nsec3Parameters\": \"1 0 0 " + new string('a', 600) + "\"}", "at most 255 octets" },
        { "{\"KeyTtl\": 4294967295}", "key-ttl" },
        { "{\"CdsDigestTypes\": [9]}", "9 is not a digest type" },
        { "{\"Algorithm\": \"RSAMD5\"}", "algorithm" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void Bad_policy_columns_are_refused_with_the_reason(string json, string reason)
    {
        var policy = System.Text.Json.JsonSerializer.Deserialize<SigningConfig>(json,
            new System.Text.Json.JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals })!;
        var built = Build("example.com.", policy);
        Assert.Null(built.Zone);
        Assert.Contains(built.Errors, e => e.RecordId is null && e.Why.Contains(reason));
    }

    [Fact]
    public void Column_problems_from_the_reader_refuse_the_zone()
    {
        var built = Build("example.com.", problems: ["cds_digest_types has a NULL element"]);
        Assert.Null(built.Zone);
        Assert.Contains(built.Errors, e => e.Why == "zones row: cds_digest_types has a NULL element");
    }

    [Fact]
    public void A_row_too_large_to_read_is_refused_with_its_id()
    {
        var built = Build("example.com.", extra: new RecordRow(9, "big", "TXT", 300, null) { Problem = "rdata is 2000000 octets long, more than any valid value" });
        Assert.Null(built.Zone);
        var error = Assert.Single(built.Errors);
        Assert.Equal(9, error.RecordId);
        Assert.Contains("2000000 octets", error.Why);
        Assert.Contains("(too long to show)", error.Record);
    }

    [Fact]
    public void NSEC3_iterations_that_work_but_go_against_RFC_9276_are_warned_about()
    {
        var built = Build("example.com.", new SigningConfig { Nsec3Parameters = "1 0 10 ab" });
        Assert.NotNull(built.Zone);
        Assert.Contains(built.Warnings, w => w.Contains("RFC 9276 §3.1"));
    }
}
