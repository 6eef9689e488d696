using System.Diagnostics;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;

namespace Desec.Signer.Denial.Tests;

/// <summary>
/// Runs ldns-signzone or BIND's dnssec-signzone on a zone text with a throwaway ECDSA P-256 key
/// (made by ldns-keygen, whose files BIND reads too) and returns the records of the signed zone.
/// </summary>
internal sealed class ExternalSigner : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("denial-oracle-").FullName;

    public static bool Available(params string[] tools) => tools.All(tool =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, tool))));

    /// <summary>Signs with ldns-signzone; <paramref name="options"/> select NSEC3 (<c>-n</c> ...).</summary>
    public List<ResourceRecord> Ldns(string zoneText, string origin, params string[] options)
    {
        string key = KeyGen(origin);
        string zone = Write("ldns.zone", zoneText);
        string output = Path.Combine(_directory, "ldns.signed");
        Run("ldns-signzone", [.. options, "-f", output, "-o", origin, zone, key]);
        return Read(output, origin);
    }

    /// <summary>Signs with dnssec-signzone (the key as a CSK: <c>-z</c>); the zone must include the DNSKEY, so it is appended.</summary>
    public List<ResourceRecord> Bind(string zoneText, string origin, params string[] options)
    {
        string key = KeyGen(origin);
        string zone = Write("bind.zone", zoneText + "\n" + File.ReadAllText(Path.Combine(_directory, key + ".key")));
        string output = Path.Combine(_directory, "bind.signed");
        Run("dnssec-signzone", ["-z", .. options, "-O", "full", "-f", output, "-o", origin, "-K", _directory, zone, key]);
        return Read(output, origin);
    }

    private string? _key;

    private string KeyGen(string origin) =>
        _key ??= Run("ldns-keygen", ["-k", "-a", "ECDSAP256SHA256", origin]).Trim();

    private string Write(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static List<ResourceRecord> Read(string path, string origin)
    {
        var parsed = ZoneFileParser.ParseFile(path, DnsName.Parse(origin));
        Assert.True(parsed.Success, string.Join("\n", parsed.Errors.Select(e => e.Message)));
        return parsed.Records;
    }

    private string Run(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) { start.ArgumentList.Add(argument); }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} failed: {stderr.Result}");
        return stdout.Result;
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
