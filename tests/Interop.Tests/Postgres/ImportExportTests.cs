namespace Interop.Tests.Postgres;

/// <summary>
/// `db import` then `db export` gives the zone back without loss: the export equals the file's
/// canonical form (`check --print`), and importing the export elsewhere exports the same again.
/// </summary>
public sealed class ImportExportTests(PostgresFixture postgres)
{
    public static TheoryData<string, string?> Zones => new()
    {
        { "zones/example.com.zone", null },
        { "tests/Interop.Tests/ServeZones/child.example.com.zone", null },
        // One record of every type the codecs know, generic RDATA and unknown types included.
        { "tests/Interop.Tests/ZoneFiles/types.zone", "types.example." },
        { "tests/Interop.Tests/ZoneFiles/corners.zone", "example.com." },
        { "tests/Interop.Tests/ZoneFiles/generate.zone", "gen.example." },
    };

    [Theory]
    [MemberData(nameof(Zones))]
    public async Task Export_then_import_gives_the_same_zone(string file, string? origin)
    {
        string path = Path.Combine(Cli.RepositoryRoot(), file);
        string[] originArgs = origin is null ? [] : ["--origin", origin];
        var check = Cli.Run(["check", "--print", path, .. originArgs]);
        Assert.True(check.Code == 0, check.Error);
        string zone = origin ?? Path.GetFileName(file)[..^"zone".Length];

        string first = await postgres.NewDatabaseAsync();
        var import = Cli.Run(["db", "import", path, .. originArgs, "--db", first]);
        Assert.True(import.Code == 0, import.Error);
        var export = Cli.Run("db", "export", zone, "--db", first);
        Assert.True(export.Code == 0, export.Error);
        Assert.Equal(Lines(check.Output), Lines(export.Output));

        // The export is itself a zone file: into a second database and out again, unchanged.
        string exported = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.zone");
        File.WriteAllText(exported, export.Output);
        try
        {
            string second = await postgres.NewDatabaseAsync();
            var again = Cli.Run("db", "import", exported, "--origin", zone, "--db", second);
            Assert.True(again.Code == 0, again.Error);
            Assert.Equal(Lines(export.Output), Lines(Cli.Run("db", "export", zone, "--db", second).Output));
        }
        finally { File.Delete(exported); }
    }

    [Fact]
    public async Task A_bad_file_imports_nothing_and_names_the_line()
    {
        string db = await postgres.NewDatabaseAsync();
        string path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.zone");
        File.WriteAllText(path, "$TTL 300\n@ SOA ns1 hostmaster 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\nwww A 300.1.2.3\n");
        try
        {
            var result = Cli.Run("db", "import", path, "--origin", "bad.example", "--db", db);
            Assert.Equal(1, result.Code);
            Assert.Contains(":5:", result.Error);
            Assert.Equal(0L, await TestZones.ScalarAsync<long>(db, "SELECT count(*) FROM zones"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Relative_owners_and_rdata_in_rows_complete_with_the_zone()
    {
        string db = await postgres.NewDatabaseAsync();
        await TestZones.CreateAsync(db, "rel.example.", ("www", "CNAME", "host"), ("host", "MX", "10 mail"), ("mail.rel.example.", "A", "192.0.2.25"));
        var export = Cli.Run("db", "export", "rel.example", "--db", db);
        Assert.True(export.Code == 0, export.Error);
        Assert.Contains("www.rel.example.\t300\tIN\tCNAME\thost.rel.example.", export.Output);
        Assert.Contains("host.rel.example.\t300\tIN\tMX\t10 mail.rel.example.", export.Output);
    }

    private static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith(';')).Select(l => l.TrimEnd('\r')).ToList();
}
