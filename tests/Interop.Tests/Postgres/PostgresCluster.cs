using System.Globalization;
using Interop.Tests.Serving;
using Npgsql;

namespace Interop.Tests.Postgres;

/// <summary>
/// A throw-away PostgreSQL cluster from Debian's packages: initdb in a temporary folder, the server
/// on a free loopback port (and a Unix socket in the same folder), removed on dispose. PostgreSQL
/// refuses to run as root, so as root the programs run as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _data;
    private int _databases;

    private PostgresCluster(string directory, int port)
    {
        Directory = directory;
        _data = Path.Combine(directory, "data");
        Port = port;
    }

    public string Directory { get; }
    public int Port { get; }

    /// <summary>Connection string of database <paramref name="database"/> over TCP on loopback.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5";

    /// <summary>The same database over the cluster's Unix socket (reachable while TCP is switched off).</summary>
    public string SocketConnectionString(string database) =>
        $"Host={Directory};Port={Port};Username=postgres;Database={database};Timeout=5";

    /// <summary>Debian keeps the programs out of PATH, in /usr/lib/postgresql/VERSION/bin; the newest is used.</summary>
    public static string BinDirectory { get; } = FindBin();

    private static string FindBin()
    {
        const string root = "/usr/lib/postgresql";
        var found = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root)
                .Select(d => (Dir: d, Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : 0))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        return found ?? throw new InvalidOperationException("PostgreSQL is not installed (Debian package postgresql; ./test.sh installs it)");
    }

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<PostgresCluster> StartAsync()
    {
        string directory = Path.Combine(Path.GetTempPath(), "pg-test-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        if (IsRoot) { Run("chown", ["postgres:postgres", directory]); }
        var cluster = new PostgresCluster(directory, FreePort.Get());
        cluster.RunAsOwner("initdb", ["-D", cluster._data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
        await cluster.StartServerAsync();
        return cluster;
    }

    /// <summary>Starts the server; with <paramref name="tcp"/> false it listens on its Unix socket only.</summary>
    public Task StartServerAsync(bool tcp = true)
    {
        // Durability is not what these tests measure; fsync off keeps them quick.
        string options = $"-p {Port} -k {Directory} -c listen_addresses={(tcp ? "127.0.0.1" : "''")} "
            + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        RunAsOwner("pg_ctl", ["start", "-w", "-t", "30", "-D", _data, "-l", Path.Combine(Directory, "server.log"), "-o", options]);
        return Task.CompletedTask;
    }

    /// <summary>Stops the server (fast: open connections are cut, as when a database host goes away).</summary>
    public void StopServer() => RunAsOwner("pg_ctl", ["stop", "-w", "-t", "30", "-m", "fast", "-D", _data]);

    public string ServerLog => File.Exists(Path.Combine(Directory, "server.log")) ? File.ReadAllText(Path.Combine(Directory, "server.log")) : "";

    /// <summary>A new empty database, with the project's schema unless <paramref name="withSchema"/> is false.</summary>
    public async Task<string> NewDatabaseAsync(bool withSchema = true)
    {
        string name = "t" + Interlocked.Increment(ref _databases) + "_" + Guid.NewGuid().ToString("N")[..6];
        await using (var admin = new NpgsqlConnection(ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        string connectionString = ConnectionString(name);
        if (withSchema)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await Desec.Auth.Database.Schema.MigrateAsync(connection);
        }
        return connectionString;
    }

    private void RunAsOwner(string program, IEnumerable<string> arguments)
    {
        string path = Path.Combine(BinDirectory, program);
        if (IsRoot) { Run("runuser", ["-u", "postgres", "--", path, .. arguments]); }
        else { Run(path, arguments); }
    }

    private static void Run(string program, IEnumerable<string> arguments)
    {
        var result = ExternalTool.Run(program, arguments, TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.Output}\n{result.Error}");
        }
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { RunAsOwner("pg_ctl", ["stop", "-w", "-t", "30", "-m", "immediate", "-D", _data]); }
        catch (InvalidOperationException) { }
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
