resource "aws_db_instance" "ehr" { # expect: tf-db-unencrypted-or-public
  identifier          = "clinic-ehr"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 100
  publicly_accessible = var.db_public # expect: tf-db-unencrypted-or-public
}

variable "db_public" {
  type    = bool
  default = true
}

resource "aws_rds_cluster" "claims" {
  cluster_identifier = "clinic-claims"
  engine             = "aurora-postgresql"
  storage_encrypted  = false # expect: tf-db-unencrypted-or-public
}

resource "aws_rds_cluster_instance" "claims" {
  count               = 2
  cluster_identifier  = aws_rds_cluster.claims.id
  instance_class      = "db.r6g.large"
  engine              = aws_rds_cluster.claims.engine
  publicly_accessible = true # expect: tf-db-unencrypted-or-public
}

resource "aws_docdb_cluster" "messages" { # expect: tf-db-unencrypted-or-public
  cluster_identifier = "clinic-messages"
}

module "reporting_db" {
  source              = "terraform-aws-modules/rds/aws"
  identifier          = "clinic-reporting"
  engine              = "postgres"
  storage_encrypted   = false # expect: tf-db-unencrypted-or-public
  publicly_accessible = true # expect: tf-db-unencrypted-or-public
}
