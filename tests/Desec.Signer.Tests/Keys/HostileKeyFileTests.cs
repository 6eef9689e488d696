using System.Text.RegularExpressions;
using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;

namespace Desec.Signer.Tests.Keys;

/// <summary>
/// Key files are outside input too (an operator may drop in keys): whatever a .private or .key file
/// holds, reading it gives a key or a <see cref="KeyFileException"/> naming the file, never another
/// exception that would stop more than this zone.
/// </summary>
public class HostileKeyFileTests
{
    private static readonly string[] Values =
    [
        "", "AA==", "AAAA", new string('A', 4000), "////////////////////////////////////////////w==", "not base64!",
        Convert.ToBase64String(new byte[32]), Convert.ToBase64String(new byte[57]), Convert.ToBase64String(Enumerable.Repeat((byte)0xFF, 48).ToArray()),
        Convert.ToBase64String(new byte[1]), "AQAB",
    ];

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNumbers), MemberType = typeof(TestKeys))]
    public void Any_value_in_a_private_key_field_is_a_key_or_a_KeyFileException(byte algorithm)
    {
        string text = BindPrivateKeyFile.Format(TestKeys.For(TestKeys.Algorithm(algorithm)));
        var escaped = new List<string>();
        var fields = Regex.Matches(text, @"^([A-Za-z0-9-]+): ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        foreach (var field in fields)
        {
            foreach (var value in Values.Append("1").Append("99999999999999").Append("13 (ECDSAP256SHA256)"))
            {
                string hostile = Regex.Replace(text, $"^{field}: .*$", $"{field}: {value}", RegexOptions.Multiline);
                Try(hostile, $"{field}: {(value.Length > 20 ? value[..20] + "..." : value)}", escaped);
            }
            Try(Regex.Replace(text, $"^{field}: .*\n", "", RegexOptions.Multiline), $"no {field}", escaped);
        }
        for (int cut = 0; cut < text.Length; cut += 7) { Try(text[..cut], $"cut at {cut}", escaped); }
        Assert.True(escaped.Count == 0, string.Join("\n", escaped));
    }

    private static void Try(string text, string what, List<string> escaped)
    {
        try { BindPrivateKeyFile.Parse(text, "K.private", DateTimeOffset.UnixEpoch).Key.Dispose(); }
        catch (KeyFileException) { }
        catch (Exception e) { escaped.Add($"{what}: {e.GetType().Name}: {e.Message} {e.StackTrace}"); }
    }

    [Theory]
    [InlineData("example.com. IN DNSKEY 257 3 13")]
    [InlineData("example.com. IN DNSKEY 257 3 13 AA==")]
    [InlineData("example.com. IN DNSKEY 99999 3 13 AA==")]
    [InlineData("example.com. IN DNSKEY 257 3 13 AA== (")]
    [InlineData("example.com. 99999999999 IN DNSKEY 257 3 13 AA==")]
    [InlineData("\\999. IN DNSKEY 257 3 13 AA==")]
    [InlineData("$INCLUDE /etc/passwd")]
    [InlineData("$ORIGIN")]
    [InlineData("\"")]
    [InlineData("")]
    public void Any_public_key_file_is_a_key_or_a_KeyFileException(string text)
    {
        try { BindPublicKeyFile.Parse(text, "K.key"); }
        catch (KeyFileException) { }
    }
}
