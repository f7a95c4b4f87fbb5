// @ts-nocheck
import { Injectable, Logger } from '@nestjs/common';

export class CreatePatientDto {
  givenName!: string;
  familyName!: string;
  birthDate!: string;
}

@Injectable()
export class PatientsService {
  private readonly logger = new Logger(PatientsService.name);

  create(dto: CreatePatientDto) {
    this.logger.log(`creating patient ${JSON.stringify(dto)}`); // expect: phi-to-log
    return { id: 'new' };
  }
}
