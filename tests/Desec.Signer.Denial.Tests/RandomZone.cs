using System.Text;

namespace Desec.Signer.Denial.Tests;

/// <summary>
/// A reproducible zone of a few hundred names: nested labels (so empty non-terminals), wildcards,
/// delegations with and without DS, glue and other data below cuts, mixed letter case.
/// </summary>
internal static class RandomZone
{
    public static string Text(int seed, int names)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        sb.AppendLine("$ORIGIN example.");
        sb.AppendLine("$TTL 3600");
        sb.AppendLine("@ IN SOA ns1 hostmaster 1 7200 3600 1209600 600");
        sb.AppendLine("@ IN NS ns1");
        sb.AppendLine("ns1 IN A 192.0.2.1");
        string[] labels = ["a", "b", "c", "www", "Mail", "x1", "ZZ", "0", "-", "m\\.n", "\\000", "dev"];
        string Label() => random.Next(20) == 0 ? "*" : labels[random.Next(labels.Length)] + random.Next(6);
        for (int i = 0; i < names; i++)
        {
            int depth = 1 + random.Next(3);
            var parts = new List<string>();
            for (int d = 0; d < depth; d++) { parts.Add(Label()); }
            if (parts.Skip(1).Contains("*")) { parts = parts.Where(p => p != "*").ToList(); }
            if (parts.Count == 0) { continue; }
            string owner = string.Join('.', parts);
            // BIND refuses NS at a wildcard (RFC 4592 §4.2), so wildcards hold data only.
            switch (parts[0] == "*" ? 1 + random.Next(9) : random.Next(10))
            {
                case 0:
                    sb.AppendLine($"{owner} IN NS ns.{owner}");
                    sb.AppendLine($"ns.{owner} IN A 192.0.2.{random.Next(1, 255)}");
                    if (random.Next(2) == 0) { sb.AppendLine($"{owner} IN DS {random.Next(65536)} 13 2 {Convert.ToHexString(Guid.NewGuid().ToByteArray())}{Convert.ToHexString(Guid.NewGuid().ToByteArray())}"); }
                    break;
                case 1:
                    sb.AppendLine($"{owner} IN TXT \"t{i}\"");
                    break;
                case 2:
                    sb.AppendLine($"{owner} IN MX 10 mail.example.net.");
                    sb.AppendLine($"{owner} IN AAAA 2001:db8::{i:x}");
                    break;
                default:
                    sb.AppendLine($"{owner} IN A 192.0.2.{random.Next(1, 255)}");
                    break;
            }
        }
        return sb.ToString();
    }
}
