using System.Text.Json.Nodes;
using MongoBackup.Emulator.Api;
using MongoBackup.Emulator.Data;

namespace MongoBackup.Emulator.Actions;

/// <summary>The state of an async request: a manual backup's AsyncRequestId, or a restore's FlowId given as text (as
/// other tools do). Only the requests of the request's region exist for it.</summary>
public sealed class DescribeAsyncRequestInfo(Store store) : IApiAction
{
    public string Name => "DescribeAsyncRequestInfo";

    public IReadOnlyCollection<string> Parameters { get; } = ["AsyncRequestId"];

    public JsonObject Execute(Params p, ApiCall call)
    {
        var id = p.OptionalText("AsyncRequestId") ?? throw ApiException.Missing("AsyncRequestId");
        var flow = store.FindFlow(id, call.Region)
            ?? throw ApiException.Invalid("AsyncRequestId", $"no async request `{id}` exists in {call.Region}");
        var status = flow.StatusAt(call.Now) ?? "initial";
        var ended = status is "success" or "failed";
        return new JsonObject
        {
            ["Status"] = status,
            ["StartTime"] = BeijingTime.ToText(flow.StartTime),
            ["EndTime"] = ended ? BeijingTime.ToText(flow.EndTime) : "",
        };
    }
}
