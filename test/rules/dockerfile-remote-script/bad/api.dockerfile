# Dockerfile comments take a whole line, so the expected lines are in api.dockerfile.expect.
FROM node:20-slim
RUN apt-get update && apt-get install -y curl ca-certificates \
 && curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
RUN wget -qO- https://get.example-agent.io/install.sh | sudo -E sh -s -- --yes
RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/acme/tools/main/install.sh)"
RUN curl -fsSL -o /tmp/dd-install.sh https://install.datadoghq.com/scripts/install_script_agent7.sh \
 && bash /tmp/dd-install.sh
ADD https://downloads.example.org/fhir-cli/latest/setup.sh /opt/
RUN chmod +x /opt/setup.sh && /opt/setup.sh
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
