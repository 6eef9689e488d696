using System.Text;
using Desec.Auth.Config;
using Desec.Auth.Server;
using Desec.Zone.Names;
using Microsoft.Extensions.Logging.Abstractions;

namespace Interop.Tests.Dnssec;

/// <summary>The zone as the server holds it to answer from (keys merged, CSYNC, serial bumped) passes ldns-verify-zone and dnssec-verify.</summary>
public sealed class ServedZoneVerifyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "served-verify-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("nsec")]
    [InlineData("nsec3")]
    [InlineData("nsec3-optout")]
    public async Task Served_zone_verifies(string denial)
    {
        string zones = Path.Combine(_directory, "zones");
        Directory.CreateDirectory(zones);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "ServeZones", "example.com.zone"), Path.Combine(zones, "example.com.zone"));
        var signing = denial == "nsec3-optout"
            ? new SigningConfig { Denial = "nsec3", Nsec3Parameters = "1 1 0 -" }
            : new SigningConfig { Denial = denial };
        var config = new ServerConfig { Zones = zones, State = Path.Combine(_directory, "state"), Listen = ["127.0.0.1:0"], Signing = signing };
        await using var server = new DnsServer(config, NullLoggerFactory.Instance);
        await server.StartAsync(CancellationToken.None);
        var served = server.Store.Current.Get(DnsName.Parse("example.com."))!;
        string file = Path.Combine(_directory, "served.zone");
        var text = new StringBuilder();
        foreach (var record in served.Signed!.Records) { record.AppendTo(text); text.Append('\n'); }
        File.WriteAllText(file, text.ToString());
        await server.StopAsync(CancellationToken.None);

        var ldns = ExternalTool.Run("ldns-verify-zone", [file]);
        Assert.True(ldns.ExitCode == 0, $"ldns-verify-zone:\n{ldns.Output}\n{ldns.Error}");
        var bind = ExternalTool.Run("dnssec-verify", ["-z", "-o", "example.com", file]);
        Assert.True(bind.ExitCode == 0, $"dnssec-verify:\n{bind.Output}\n{bind.Error}");
    }
}
