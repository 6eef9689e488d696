using System.Text;
using Desec.Zone.Names;
using Desec.Zone.Tsig;

namespace Desec.Auth.Tsig;

/// <summary>
/// Reads keys in the forms operators paste: BIND's <c>key "name" { algorithm hmac-sha256; secret "…"; };</c>
/// (what <c>tsig-keygen</c> prints) and Knot's YAML <c>key: - id: name / algorithm: … / secret: …</c>
/// (what <c>keymgr -t</c> prints). Errors are <see cref="TsigKeyException"/> naming the key.
/// </summary>
public static class TsigKeyText
{
    /// <summary>Makes a key from its three settings, checking each (shared with the JSON config).</summary>
    public static TsigKey Create(string? name, string? algorithm, string? secret)
    {
        if (string.IsNullOrWhiteSpace(name)) { throw new TsigKeyException("TSIG key without a name"); }
        string absolute = name.EndsWith('.') ? name : name + ".";
        if (!DnsName.TryParse(absolute, null, out var keyName, out var reason))
        {
            throw new TsigKeyException($"TSIG key '{name}': the name is not a domain name: {reason}");
        }
        var alg = algorithm is null ? TsigAlgorithm.Default : TsigAlgorithm.FromMnemonic(algorithm)
            ?? throw new TsigKeyException(
                $"TSIG key '{name}': unknown algorithm '{algorithm}' (known: {string.Join(", ", TsigAlgorithm.All)})");
        if (string.IsNullOrWhiteSpace(secret)) { throw new TsigKeyException($"TSIG key '{name}': no secret"); }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(secret.Trim());
        }
        catch (FormatException)
        {
            throw new TsigKeyException($"TSIG key '{name}': the secret is not base64");
        }
        if (bytes.Length == 0) { throw new TsigKeyException($"TSIG key '{name}': the secret is empty"); }
        return new TsigKey(keyName, alg, bytes);
    }

    /// <summary>Reads every key in <paramref name="text"/>, in BIND or Knot form (told apart by a brace).</summary>
    public static List<TsigKey> Parse(string text) => text.Contains('{') ? ParseBind(text) : ParseKnot(text);

    /// <summary>BIND named.conf key statements; comments in #, // and /* */ style are skipped.</summary>
    public static List<TsigKey> ParseBind(string text)
    {
        var tokens = BindTokens(text);
        var keys = new List<TsigKey>();
        int i = 0;
        string Next(string what)
        {
            if (i >= tokens.Count) { throw new TsigKeyException($"key statement ends early: expected {what}"); }
            return tokens[i++].Text;
        }
        while (i < tokens.Count)
        {
            string keyword = Next("'key'");
            if (!keyword.Equals("key", StringComparison.OrdinalIgnoreCase))
            {
                throw new TsigKeyException($"expected a 'key' statement, found '{keyword}'");
            }
            string name = Next("the key name");
            if (Next("'{'") != "{") { throw new TsigKeyException($"key '{name}': expected '{{' after the name"); }
            string? algorithm = null, secret = null;
            while (true)
            {
                string option = Next($"'}}' closing key '{name}'");
                if (option == "}") { break; }
                string value = Next($"a value for {option} in key '{name}'");
                if (Next("';'") != ";") { throw new TsigKeyException($"key '{name}': expected ';' after {option}"); }
                switch (option.ToLowerInvariant())
                {
                    case "algorithm": algorithm = value; break;
                    case "secret": secret = value; break;
                    default: throw new TsigKeyException($"key '{name}': unknown option '{option}'");
                }
            }
            if (i < tokens.Count && tokens[i].Text == ";") { i++; }
            if (algorithm is null) { throw new TsigKeyException($"key '{name}': no algorithm"); }
            keys.Add(Create(name, algorithm, secret));
        }
        return keys;
    }

    private readonly record struct BindToken(string Text, bool Quoted);

    private static List<BindToken> BindTokens(string text)
    {
        var tokens = new List<BindToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '#' || c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') { i++; }
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) { throw new TsigKeyException("unterminated /* comment"); }
                i = end + 2;
                continue;
            }
            if (c is '{' or '}' or ';') { tokens.Add(new(c.ToString(), false)); i++; continue; }
            if (c == '"')
            {
                int end = text.IndexOf('"', i + 1);
                if (end < 0) { throw new TsigKeyException("unterminated quoted string"); }
                tokens.Add(new(text[(i + 1)..end], true));
                i = end + 1;
                continue;
            }
            var word = new StringBuilder();
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('{' or '}' or ';' or '"'))
            {
                word.Append(text[i++]);
            }
            tokens.Add(new(word.ToString(), false));
        }
        return tokens;
    }

    /// <summary>
    /// Knot's key section: a YAML list of entries with id, algorithm and secret. Only this flat
    /// shape is read (what keymgr prints), not YAML in general.
    /// </summary>
    public static List<TsigKey> ParseKnot(string text)
    {
        var entries = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        int lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.TrimEnd('\r');
            int hash = line.IndexOf('#');
            if (hash >= 0) { line = line[..hash]; }
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed == "key:") { continue; }
            if (trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                current = [];
                entries.Add(current);
                trimmed = trimmed[2..].Trim();
            }
            int colon = trimmed.IndexOf(':');
            if (colon <= 0 || current is null)
            {
                throw new TsigKeyException($"line {lineNumber}: expected 'key:' and '- id: NAME' entries, found '{trimmed}'");
            }
            string field = trimmed[..colon].Trim().ToLowerInvariant();
            string value = trimmed[(colon + 1)..].Trim().Trim('"', '\'');
            if (!current.TryAdd(field, value)) { throw new TsigKeyException($"line {lineNumber}: {field} given twice"); }
        }
        var keys = new List<TsigKey>();
        foreach (var entry in entries)
        {
            string? name = entry.GetValueOrDefault("id");
            foreach (var field in entry.Keys)
            {
                if (field is not ("id" or "algorithm" or "secret"))
                {
                    throw new TsigKeyException($"key '{name}': unknown field '{field}'");
                }
            }
            keys.Add(Create(name, entry.GetValueOrDefault("algorithm"), entry.GetValueOrDefault("secret")));
        }
        return keys;
    }
}
