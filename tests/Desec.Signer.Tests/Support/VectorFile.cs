using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;

namespace Desec.Signer.Tests.Support;

/// <summary>
/// One section (<c>[name]</c>) of a vector file from shared/testdata/dnssec, copied to Vectors/:
/// its record lines, <c>key = value</c> lines and <c>Field: value</c> lines.
/// </summary>
public sealed class VectorSection(string name, IReadOnlyList<string> lines)
{
    public string Name { get; } = name;
    public IReadOnlyList<string> Lines { get; } = lines;

    /// <summary>The value of a <c>key = value</c> line.</summary>
    public string Value(string key) =>
        Lines.Select(l => l.Split(" = ", 2)).Single(p => p.Length == 2 && p[0].Trim() == key)[1].Trim();

    /// <summary>The value of a <c>Field: value</c> line.</summary>
    public string Field(string field) =>
        Lines.Single(l => l.StartsWith(field + ":", StringComparison.Ordinal))[(field.Length + 1)..].Trim();

    /// <summary>Every line that is a record in presentation form (it holds the word IN), parsed.</summary>
    public IReadOnlyList<ResourceRecord> Records()
    {
        string text = string.Join('\n', Lines.Where(l => l.Split(' ').Contains("IN")));
        var result = ZoneFileParser.ParseText(text, Name, DnsName.Root);
        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Records;
    }

    public ResourceRecord Record(ushort type) => Records().Single(r => r.Type == type);
}

public static class VectorFile
{
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "Vectors", fileName);

    /// <summary>The sections of a vector file; lines before the first section form one named "".</summary>
    public static IReadOnlyList<VectorSection> Load(string fileName)
    {
        var sections = new List<VectorSection>();
        string name = "";
        var lines = new List<string>();
        foreach (string raw in File.ReadAllLines(PathOf(fileName)))
        {
            string line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                sections.Add(new VectorSection(name, lines));
                name = line[1..^1];
                lines = [];
                continue;
            }
            if (line.Length == 0 || line.StartsWith('#')) { continue; }
            lines.Add(line);
        }
        sections.Add(new VectorSection(name, lines));
        return sections;
    }

    public static VectorSection Section(string fileName, string sectionPrefix) =>
        Load(fileName).Single(s => s.Name.StartsWith(sectionPrefix, StringComparison.Ordinal));
}
