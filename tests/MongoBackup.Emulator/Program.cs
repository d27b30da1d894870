using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MongoBackup.Emulator;
using MongoBackup.Emulator.Actions;
using MongoBackup.Emulator.Answers;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Control;
using MongoBackup.Emulator.Data;
using MongoBackup.Emulator.Faults;
using MongoBackup.Emulator.Infrastructure;
using MongoBackup.Emulator.Objects;

EmulatorOptions options;
try
{
    options = EmulatorOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(EmulatorOptions.Usage);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(EmulatorOptions.Usage);
    return 0;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// A dropped object connection (ObjectSettings) ends its response short of Content-Length on purpose; Kestrel reports
// that as an application error. Unhandled exceptions are logged by RequestLog instead.
builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Critical);
builder.WebHost.UseUrls([.. options.Urls]);
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.Limits.MaxRequestBodySize = 4L * ApiPipeline.MaxBodyBytes;
});
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

builder.Services.AddSingleton(options);
builder.Services.AddSingleton<Stats>();
builder.Services.AddSingleton<Store>();
builder.Services.AddSingleton<RateLimiter>();
builder.Services.AddSingleton<Authenticator>();
builder.Services.AddSingleton<CosPresigner>();
builder.Services.AddSingleton<LinkSigner>();
builder.Services.AddSingleton<TaskLinks>();
builder.Services.AddSingleton<ObjectCatalog>();
builder.Services.AddSingleton<ObjectSettings>();
builder.Services.AddSingleton<ObjectChecksums>();
builder.Services.AddSingleton<ObjectEndpoints>();
builder.Services.AddSingleton<FaultInjector>();
builder.Services.AddSingleton<CannedAnswers>();
builder.Services.AddSingleton<ApiPipeline>();
builder.Services.AddSingleton<IApiAction, DescribeBackupDownloadTask>();
builder.Services.AddSingleton<IApiAction, CreateBackupDownloadTask>();
builder.Services.AddSingleton<IApiAction, DescribeDBBackups>();
builder.Services.AddSingleton<IApiAction, DescribeDBInstances>();
// The backup life cycle.
builder.Services.AddSingleton<IApiAction, CreateBackupDBInstance>();
builder.Services.AddSingleton<IApiAction, DescribeAsyncRequestInfo>();
builder.Services.AddSingleton<IApiAction, DescribeBackupRules>();
builder.Services.AddSingleton<IApiAction, SetBackupRules>();
builder.Services.AddSingleton<IApiAction, DeleteDBBackups>();
builder.Services.AddSingleton<IApiAction, ModifyBackupExpireTime>();
builder.Services.AddSingleton<IApiAction, RestoreDBInstance>();
builder.Services.AddSingleton<IApiAction, DescribeDBInstanceNamespace>();
// STS (2018-08-13) and the CVM metadata service's credential paths, on the same port.
builder.Services.AddSingleton<MongoBackup.Emulator.Identity.IdentitySettings>();
builder.Services.AddSingleton<MongoBackup.Emulator.Identity.IssuedKeys>();
builder.Services.AddSingleton<MongoBackup.Emulator.Identity.MetadataEndpoints>();
builder.Services.AddSingleton<IApiAction, AssumeRole>();
builder.Services.AddSingleton<IApiAction, AssumeRoleWithWebIdentity>();

var app = builder.Build();
app.UseMiddleware<RequestLog>();
app.MapPost("/", (HttpContext context, ApiPipeline pipeline) => pipeline.HandleAsync(context));
ControlEndpoints.Map(app);
ObjectEndpoints.Map(app);
MongoBackup.Emulator.Identity.MetadataEndpoints.Map(app);

// Build the seed data now: the recent backups are placed relative to the start time.
app.Services.GetRequiredService<ObjectCatalog>();
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
RequestLog.Write($"EMULATOR-READY {address}");
if (options.ExitOnStdinClose) StdinWatcher.StopWhenClosed(app.Lifetime);
await app.WaitForShutdownAsync();
return 0;
