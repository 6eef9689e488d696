using Desec.Zone.Names;
using Desec.Zone.Text;

namespace Desec.Zone.Tests.Text;

/// <summary>Shortcuts for parser tests: parse a snippet, list its records as text, find its single error.</summary>
internal static class ZoneText
{
    public static readonly DnsName Example = DnsName.Parse("example.com.");

    public static ZoneFileResult Parse(string text, string? origin = "example.com.", string? baseDirectory = null) =>
        ZoneFileParser.ParseText(text, "test.zone", origin is null ? null : DnsName.Parse(origin), baseDirectory);

    /// <summary>Parses text that must be free of errors and returns its records in presentation form.</summary>
    public static string[] Lines(string text, string? origin = "example.com.")
    {
        var result = Parse(text, origin);
        Assert.True(result.Success, string.Join("\n", result.Errors.Select(e => e.Message)));
        return [.. result.Records.Select(r => r.ToString())];
    }

    /// <summary>Parses text that must have exactly one error and returns it.</summary>
    public static ZoneTextException SingleError(string text, string? origin = "example.com.")
    {
        var result = Parse(text, origin);
        return Assert.Single(result.Errors);
    }

    public static void AssertError(ZoneTextException error, int line, int column, string reasonPart)
    {
        Assert.Contains(reasonPart, error.Reason);
        Assert.Equal((line, column), (error.Line, error.Column));
    }
}

/// <summary>A temporary folder for $INCLUDE and ParseFile tests, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("desec-zone-tests-").FullName;

    public string Write(string relativePath, string text)
    {
        string full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
