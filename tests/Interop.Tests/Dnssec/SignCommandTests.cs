using Desec.Auth.Cli;

namespace Interop.Tests.Dnssec;

/// <summary>
/// <c>desec-auth sign</c> output checked by the two independent verifiers, ldns-verify-zone and
/// BIND's dnssec-verify, for both denial modes and several algorithms; <c>keys</c> prints the same
/// DS as dnssec-dsfromkey.
/// </summary>
public sealed class SignCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sign-test-" + Guid.NewGuid().ToString("N")[..8]);

    public SignCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    public static TheoryData<string, string> Cases() => new()
    {
        { "--nsec", "13" }, { "--nsec3", "13" }, { "--nsec", "8" }, { "--nsec3", "15" }, { "--nsec", "16" }, { "--nsec3", "14" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Signed_zone_passes_ldns_verify_zone_and_dnssec_verify(string denial, string algorithm)
    {
        string zone = Path.Combine(AppContext.BaseDirectory, "ServeZones", "example.com.zone");
        string state = Path.Combine(_directory, "state");
        string signedFile = Path.Combine(_directory, "signed.zone");
        // The algorithm comes from the keys already in the state folder; make them with BIND-compatible files first.
        var alg = Desec.Signer.Algorithms.DnssecAlgorithm.All.First(a => a.Number.ToString() == algorithm);
        new Desec.Signer.Keys.KeyStore(Path.Combine(state, "keys")).LoadOrCreate(Desec.Zone.Names.DnsName.Parse("example.com."), alg);

        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CommandLine.Run(["sign", zone, "--state", state, denial, "-o", signedFile], output, error);
        Assert.True(exit == 0, error.ToString());

        var ldns = ExternalTool.Run("ldns-verify-zone", [signedFile]);
        Assert.True(ldns.ExitCode == 0, $"ldns-verify-zone:\n{ldns.Output}\n{ldns.Error}");
        var bind = ExternalTool.Run("dnssec-verify", ["-z", "-o", "example.com", signedFile]);
        Assert.True(bind.ExitCode == 0, $"dnssec-verify:\n{bind.Output}\n{bind.Error}");
        Assert.Contains(denial == "--nsec" ? "IN\tNSEC\t" : "IN\tNSEC3\t", File.ReadAllText(signedFile));
    }

    [Fact]
    public void Keys_prints_the_ds_that_dnssec_dsfromkey_computes()
    {
        string state = Path.Combine(_directory, "state");
        var keys = new Desec.Signer.Keys.KeyStore(Path.Combine(state, "keys"))
            .LoadOrCreate(Desec.Zone.Names.DnsName.Parse("example.com."), Desec.Signer.Algorithms.DnssecAlgorithm.Default);
        var output = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["keys", "example.com", "--state", state], output, new StringWriter()));
        var ours = output.ToString().Split('\n').Where(l => l.Contains("\tDS\t", StringComparison.Ordinal))
            .Select(l => string.Join(' ', l.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries))).Single();
        var bind = ExternalTool.Run("dnssec-dsfromkey", ["-2", Path.Combine(state, "keys", keys[0].FileBaseName + ".key")]);
        Assert.Equal(bind.Output.Trim(), ours);
    }
}
