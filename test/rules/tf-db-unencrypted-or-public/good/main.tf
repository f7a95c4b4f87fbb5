variable "encrypt_storage" {
  type = bool
}

resource "aws_db_instance" "ehr" {
  identifier          = "clinic-ehr"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 100
  storage_encrypted   = var.encrypt_storage
  publicly_accessible = false
}

# Encryption follows the primary.
resource "aws_db_instance" "ehr_replica" {
  identifier          = "clinic-ehr-replica"
  replicate_source_db = aws_db_instance.ehr.identifier
  instance_class      = "db.t3.medium"
}

resource "aws_rds_cluster" "scheduling" {
  cluster_identifier = "clinic-scheduling"
  engine             = "aurora-mysql"
  engine_mode        = "serverless"
}

resource "aws_rds_cluster" "claims" {
  cluster_identifier = "clinic-claims"
  engine             = "aurora-postgresql"
  storage_encrypted  = local.encrypted
  kms_key_id         = aws_kms_key.phi.arn
}

locals {
  encrypted = var.environment == "prod" ? true : true
}

variable "environment" {
  type = string
}

resource "aws_docdb_cluster" "messages" {
  cluster_identifier = "clinic-messages"
  storage_encrypted  = true
}

# The module encrypts storage by default.
module "reporting_db" {
  source     = "terraform-aws-modules/rds/aws"
  identifier = "clinic-reporting"
  engine     = "postgres"
}

# Unknown (an output of another stack): not reported.
resource "aws_rds_cluster_instance" "claims" {
  cluster_identifier  = aws_rds_cluster.claims.id
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = data.terraform_remote_state.net.outputs.public_db
}
