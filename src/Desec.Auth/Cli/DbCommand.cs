using System.CommandLine;
using Desec.Auth.Database;
using Desec.Zone.Names;
using Desec.Zone.Zones;
using Npgsql;

namespace Desec.Auth.Cli;

/// <summary>
/// <c>desec-auth db init|import|export --db CONN</c>: the PostgreSQL schema and moving zones
/// between files and the database. CONN is an Npgsql connection string
/// (<c>"Host=/run/postgresql;Database=dns;Username=dns"</c>).
/// </summary>
public static class DbCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("db", "the PostgreSQL zone database: schema, import, export");
        command.Subcommands.Add(Init(error));
        command.Subcommands.Add(Import(error));
        command.Subcommands.Add(Export(output, error));
        return command;
    }

    private static Option<string> DbOption() =>
        new("--db") { Description = "Npgsql connection string, e.g. \"Host=/run/postgresql;Database=dns;Username=dns\"", Required = true };

    private static Command Init(TextWriter error)
    {
        var db = DbOption();
        var command = new Command("init", "create the schema, or upgrade it to the latest version (idempotent)") { db };
        command.SetAction((result, cancel) => Guarded(error, async () =>
        {
            await using var connection = await Open(result.GetValue(db)!, cancel);
            var applied = await Schema.MigrateAsync(connection, cancel: cancel);
            error.WriteLine(applied.Count == 0
                ? $"schema is up to date (version {Schema.Latest})"
                : $"schema migrated to version {Schema.Latest} (applied {string.Join(", ", applied)})");
            return 0;
        }));
        return command;
    }

    private static Command Import(TextWriter error)
    {
        var db = DbOption();
        var files = new Argument<FileInfo[]>("FILE") { Description = "zone files (NAME.zone, or one file with --origin)", Arity = ArgumentArity.OneOrMore };
        var origin = new Option<string?>("--origin") { Description = "the zone's name (default: the file name without .zone)" };
        var command = new Command("import", "load zone files into the database, replacing the zones' records") { files, origin, db };
        command.SetAction((result, cancel) => Guarded(error, async () =>
        {
            var paths = result.GetValue(files)!;
            string? originText = result.GetValue(origin);
            if (originText is not null && paths.Length > 1)
            {
                error.WriteLine("error: --origin goes with a single file");
                return 2;
            }
            await using var connection = await Open(result.GetValue(db)!, cancel);
            int failed = 0;
            foreach (var file in paths)
            {
                // The same parse and validation as the server's file source: a bad file changes nothing.
                var zone = ZoneLoading.LoadFile(file, originText, error);
                if (zone is null) { failed++; continue; }
                int count = await ZoneImport.WriteAsync(connection, zone, cancel);
                error.WriteLine($"{zone.Origin}: imported {count} records");
            }
            return failed == 0 ? 0 : 1;
        }));
        return command;
    }

    private static Command Export(TextWriter output, TextWriter error)
    {
        var db = DbOption();
        var zoneName = new Argument<string>("ZONE") { Description = "the zone's name" };
        var command = new Command("export", "print a zone from the database as a zone file") { zoneName, db };
        command.SetAction((result, cancel) => Guarded(error, async () =>
        {
            string text = result.GetValue(zoneName)!;
            if (!DnsName.TryParseAbsolute(text, out var origin, out var reason))
            {
                error.WriteLine($"error: '{text}': {reason}");
                return 2;
            }
            await using var connection = await Open(result.GetValue(db)!, cancel);
            RowsBuild? built = null;
            long version = 0;
            await ZoneRowReader.ReadAsync(connection, [ZoneImport.KeyOf(origin)], (zone, rows) =>
            {
                version = zone.Version;
                built = ZoneFromRows.Build(zone, rows);
            }, cancel);
            if (built is null)
            {
                error.WriteLine($"error: zone {origin} is not in the database");
                return 1;
            }
            foreach (var warning in built.Warnings) { error.WriteLine($"warning: {warning}"); }
            if (built.Zone is null)
            {
                foreach (var e in built.Errors) { error.WriteLine($"error: {origin}: {e}"); }
                return 1;
            }
            output.WriteLine($"; zone {origin} from the database, version {version}");
            ZonePrinter.WriteCanonical(built.Zone, output);
            return 0;
        }));
        return command;
    }

    private static async Task<NpgsqlConnection> Open(string connectionString, CancellationToken cancel)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancel);
        return connection;
    }

    /// <summary>Database and connection-string errors end the command with a message, not a stack trace.</summary>
    private static async Task<int> Guarded(TextWriter error, Func<Task<int>> run)
    {
        try { return await run(); }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            error.WriteLine($"error: database: {e.Message}");
            return 1;
        }
    }
}
