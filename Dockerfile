# Gateway: Kafka REST v2 produce gateway. Multi-stage: restore (cached layer), publish, ASP.NET runtime.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Gateway/Gateway.csproj src/Gateway/
RUN dotnet restore src/Gateway/Gateway.csproj -r linux-x64
COPY appsettings.json ./
COPY schemas/ schemas/
COPY src/ src/
# One runtime identifier: only the linux-x64 native librdkafka builds go into the image.
RUN dotnet publish src/Gateway/Gateway.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8082 \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8082
USER 1654
# Liveness, not readiness: a Kafka outage must not get healthy gateways replaced; load balancers ask /health/ready.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["dotnet", "/app/Gateway.dll", "--health-check", "http://127.0.0.1:8082/health/live"]
ENTRYPOINT ["dotnet", "/app/Gateway.dll"]
